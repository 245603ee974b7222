import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { agencies, publicServices, serviceStandardVersions, units } from "../schema";
import { recordAudit } from "../audit/record-audit";
import { serviceSlug, type ServiceComponents, type ServiceSector } from "../../core";

/** Marks every demo service (summary) and decree, so nobody takes them for an agency's real Standar Pelayanan. */
export const DEMO_SERVICE_MARK = "DATA DEMO";

interface DemoService {
  name: string;
  summary: string;
  sector: ServiceSector;
  unit: string;
  onlineUrl?: string;
  atMpp: boolean;
  atOffice?: boolean;
  feeRupiah: number | null;
  requirements: string;
  procedure: string;
  duration: string;
  cost: string;
  product: string;
  legalBasis: string;
  /** "draft": only a draft (not public); "history": version 1 replaced by version 2; "next": in force with a draft of version 2. */
  shape?: "draft" | "history" | "next";
}

const ADMINDUK = "UU 23/2006 jo. UU 24/2013 tentang Administrasi Kependudukan; Perpres 96/2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil; Permendagri 108/2019";
const FREE = "Tidak dipungut biaya (Rp0).";
const RETRIBUSI = "Sesuai Peraturan Daerah tentang Pajak Daerah dan Retribusi Daerah (UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah); dibayar melalui bank persepsi atau kanal pembayaran nontunai.";

const PROVINCE: DemoService[] = [
  { name: "Pembayaran Pajak Kendaraan Bermotor Tahunan", summary: "Pengesahan STNK tahunan dan pembayaran PKB.", sector: "pajak_retribusi", unit: "Badan Pendapatan Daerah", atMpp: true, feeRupiah: null, requirements: "KTP-el pemilik sesuai STNK; STNK asli; bukti pembayaran PKB tahun sebelumnya.", procedure: "1. Ambil nomor antrean di loket Samsat.\n2. Serahkan berkas ke loket pendaftaran.\n3. Petugas menetapkan PKB dan SWDKLLJ.\n4. Bayar di kasir.\n5. Terima STNK yang telah disahkan.", duration: "30 menit sejak berkas lengkap.", cost: "PKB dan SWDKLLJ sesuai penetapan; " + RETRIBUSI, product: "STNK yang disahkan dan Surat Ketetapan PKB.", legalBasis: "UU 1/2022; Perda Provinsi Jambi tentang Pajak Daerah dan Retribusi Daerah" },
  { name: "Bea Balik Nama Kendaraan Bermotor", summary: "Balik nama kepemilikan kendaraan bermotor bekas.", sector: "pajak_retribusi", unit: "Badan Pendapatan Daerah", atMpp: true, feeRupiah: null, requirements: "KTP-el pemilik baru; BPKB asli; STNK asli; kuitansi jual beli bermeterai; hasil cek fisik kendaraan.", procedure: "1. Cek fisik kendaraan.\n2. Pendaftaran dan penetapan BBNKB.\n3. Pembayaran.\n4. Penerbitan STNK atas nama pemilik baru.", duration: "1 hari kerja.", cost: "BBNKB sesuai penetapan; " + RETRIBUSI, product: "STNK dan TNKB atas nama pemilik baru.", legalBasis: "UU 1/2022; Perda Provinsi Jambi tentang Pajak Daerah dan Retribusi Daerah" },
  { name: "Izin Usaha Pertambangan Batuan", summary: "Perizinan berusaha pertambangan batuan kewenangan provinsi.", sector: "perizinan", unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", onlineUrl: "https://oss.go.id", atMpp: true, feeRupiah: 0, requirements: "NIB; dokumen lingkungan yang disetujui; peta wilayah izin; rencana reklamasi dan pascatambang.", procedure: "1. Ajukan melalui sistem OSS.\n2. Verifikasi teknis oleh dinas teknis.\n3. Rapat tim teknis.\n4. Penerbitan izin di OSS.", duration: "14 hari kerja sejak berkas lengkap dan benar.", cost: FREE, product: "Izin Usaha Pertambangan (IUP) Batuan terbit di OSS.", legalBasis: "PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko; Perpres 55/2022" },
  { name: "Persetujuan Lingkungan (UKL-UPL)", summary: "Pemeriksaan formulir UKL-UPL untuk usaha kewenangan provinsi.", sector: "lingkungan_hidup", unit: "Dinas Lingkungan Hidup", atMpp: false, feeRupiah: 0, requirements: "Formulir UKL-UPL; NIB; persetujuan kesesuaian kegiatan pemanfaatan ruang.", procedure: "1. Pengajuan formulir.\n2. Pemeriksaan administrasi.\n3. Pemeriksaan substansi.\n4. Penerbitan Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup.", duration: "10 hari kerja.", cost: FREE, product: "PKPLH (Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup).", legalBasis: "PP 22/2021 tentang Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup" },
  { name: "Legalisasi Ijazah SMA/SMK", summary: "Pengesahan fotokopi ijazah SMA/SMK negeri dan swasta.", sector: "pendidikan", unit: "Dinas Pendidikan", atMpp: true, feeRupiah: 0, requirements: "Ijazah asli; fotokopi ijazah yang akan dilegalisasi.", procedure: "1. Serahkan ijazah asli dan fotokopi.\n2. Petugas mencocokkan.\n3. Pengesahan dan pengembalian.", duration: "1 hari kerja.", cost: FREE, product: "Fotokopi ijazah yang disahkan.", legalBasis: "Permendikbud 29/2014 tentang Pengesahan Fotokopi Ijazah" },
  { name: "Pengesahan Peraturan Perusahaan", summary: "Pengesahan peraturan perusahaan yang wilayah kerjanya lebih dari satu kabupaten/kota.", sector: "ketenagakerjaan", unit: "Dinas Tenaga Kerja dan Transmigrasi", atMpp: false, feeRupiah: 0, requirements: "Surat permohonan; naskah peraturan perusahaan; bukti konsultasi dengan wakil pekerja/buruh.", procedure: "1. Pengajuan permohonan.\n2. Penelitian naskah.\n3. Perbaikan bila diperlukan.\n4. Penerbitan keputusan pengesahan.", duration: "7 hari kerja.", cost: FREE, product: "Keputusan pengesahan peraturan perusahaan.", legalBasis: "UU 13/2003 jo. UU 6/2023; PP 35/2021" },
  { name: "Izin Trayek Angkutan Antarkota Dalam Provinsi", summary: "Izin penyelenggaraan angkutan orang dalam trayek AKDP.", sector: "perhubungan", unit: "Dinas Perhubungan", onlineUrl: "https://oss.go.id", atMpp: true, feeRupiah: 0, requirements: "NIB; daftar kendaraan; bukti lulus uji berkala; kesanggupan menyediakan pool.", procedure: "1. Pengajuan melalui OSS.\n2. Verifikasi kendaraan dan pool.\n3. Penerbitan izin.", duration: "10 hari kerja.", cost: FREE, product: "Izin penyelenggaraan angkutan orang dalam trayek.", legalBasis: "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan; PM 15/2019" },
  { name: "Permohonan Informasi Publik", summary: "Permohonan informasi kepada PPID Pemerintah Provinsi Jambi.", sector: "lainnya", unit: "Dinas Komunikasi dan Informatika", atMpp: false, feeRupiah: 0, requirements: "Identitas pemohon; formulir permohonan yang menyebut informasi yang diminta dan tujuannya.", procedure: "1. Isi formulir permohonan.\n2. Terima tanda bukti permohonan.\n3. PPID memberi jawaban tertulis.\n4. Keberatan dapat diajukan kepada atasan PPID.", duration: "Paling lambat 10 hari kerja, dapat diperpanjang 7 hari kerja.", cost: "Tidak dipungut biaya; biaya penggandaan ditanggung pemohon bila ada.", product: "Informasi publik yang diminta atau pemberitahuan tertulis.", legalBasis: "UU 14/2008 tentang Keterbukaan Informasi Publik; Perki 1/2021" },
  { name: "Rekomendasi Pengangkatan Anak", summary: "Pertimbangan pengangkatan anak antar-WNI oleh Tim PIPA provinsi.", sector: "sosial", unit: "Dinas Sosial", atMpp: false, feeRupiah: 0, requirements: "Surat permohonan; akta nikah calon orang tua angkat; surat keterangan sehat; laporan sosial pekerja sosial.", procedure: "1. Pengajuan permohonan.\n2. Kunjungan dan laporan sosial.\n3. Sidang Tim PIPA.\n4. Penerbitan rekomendasi.", duration: "30 hari kerja.", cost: FREE, product: "Surat rekomendasi pengangkatan anak.", legalBasis: "PP 54/2007 tentang Pelaksanaan Pengangkatan Anak; Permensos 110/HUK/2009" },
  { name: "Sertifikasi Benih Tanaman Pangan", summary: "Pemeriksaan lapangan dan uji laboratorium benih bina.", sector: "pertanian_pangan", unit: "Dinas Tanaman Pangan dan Hortikultura", atMpp: false, feeRupiah: null, requirements: "Permohonan sertifikasi; asal-usul benih sumber; peta lokasi pertanaman.", procedure: "1. Pendaftaran.\n2. Pemeriksaan lapangan.\n3. Pengambilan contoh dan uji laboratorium.\n4. Penerbitan sertifikat.", duration: "Sesuai masa tanam; sertifikat 5 hari kerja setelah hasil uji.", cost: RETRIBUSI, product: "Sertifikat dan label benih.", legalBasis: "UU 22/2019 tentang Sistem Budi Daya Pertanian Berkelanjutan" },
  { name: "Izin Operasional Rumah Sakit Kelas B", summary: "Perizinan berusaha rumah sakit kelas B di Provinsi Jambi.", sector: "kesehatan", unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", onlineUrl: "https://oss.go.id", atMpp: true, feeRupiah: 0, requirements: "NIB; profil rumah sakit; hasil self-assessment; rekomendasi dinas kesehatan.", procedure: "1. Pengajuan melalui OSS.\n2. Visitasi oleh dinas kesehatan.\n3. Penerbitan izin.", duration: "14 hari kerja.", cost: FREE, product: "Izin operasional rumah sakit.", legalBasis: "UU 17/2023 tentang Kesehatan; PP 5/2021", shape: "history" },
  { name: "Layanan Laboratorium Kesehatan Daerah", summary: "Pemeriksaan sampel klinis dan kualitas air.", sector: "kesehatan", unit: "Dinas Kesehatan", atMpp: false, feeRupiah: null, requirements: "Formulir permintaan pemeriksaan; sampel sesuai ketentuan pengambilan.", procedure: "1. Pendaftaran dan penerimaan sampel.\n2. Pemeriksaan.\n3. Validasi hasil.\n4. Penyerahan hasil.", duration: "1 sampai 7 hari kerja menurut jenis pemeriksaan.", cost: RETRIBUSI, product: "Laporan hasil pemeriksaan laboratorium.", legalBasis: "Permenkes 2/2013; Perda retribusi jasa umum", shape: "next" },
  { name: "Izin Usaha Perikanan Tangkap", summary: "Izin kapal perikanan 5–30 GT (rancangan standar baru).", sector: "pertanian_pangan", unit: "Dinas Kelautan dan Perikanan", atMpp: false, feeRupiah: 0, requirements: "NIB; dokumen kapal; tanda kebangsaan kapal.", procedure: "Dalam penyusunan.", duration: "Dalam penyusunan.", cost: FREE, product: "SIUP/SIPI.", legalBasis: "UU 31/2004 jo. UU 45/2009", shape: "draft" },
];

const CITY: DemoService[] = [
  { name: "Penerbitan Kartu Keluarga", summary: "Kartu Keluarga baru, perubahan data, atau penggantian yang hilang/rusak.", sector: "kependudukan", unit: "Dinas Kependudukan dan Pencatatan Sipil", atMpp: true, feeRupiah: 0, requirements: "Formulir F-1.01; buku nikah/akta perkawinan atau akta cerai; surat keterangan pindah bila datang dari luar daerah; KK lama untuk perubahan.", procedure: "1. Ambil antrean dan serahkan berkas.\n2. Verifikasi dan validasi data.\n3. Perekaman di SIAK.\n4. Pencetakan KK dengan tanda tangan elektronik.", duration: "1 hari kerja sejak berkas lengkap.", cost: FREE, product: "Kartu Keluarga (dokumen elektronik bertanda tangan elektronik).", legalBasis: ADMINDUK, shape: "history" },
  { name: "Penerbitan Akta Kelahiran", summary: "Pencatatan kelahiran warga Kota Jambi.", sector: "kependudukan", unit: "Dinas Kependudukan dan Pencatatan Sipil", atMpp: true, feeRupiah: 0, requirements: "Surat keterangan kelahiran dari fasilitas kesehatan atau SPTJM kebenaran data kelahiran; KK orang tua; KTP-el orang tua.", procedure: "1. Serahkan berkas.\n2. Verifikasi.\n3. Pencatatan dan penerbitan akta.", duration: "1 hari kerja.", cost: FREE, product: "Kutipan Akta Kelahiran.", legalBasis: ADMINDUK, shape: "next" },
  { name: "Perekaman dan Pencetakan KTP-el", summary: "KTP-el bagi penduduk yang berusia 17 tahun atau sudah/pernah kawin.", sector: "kependudukan", unit: "Dinas Kependudukan dan Pencatatan Sipil", atMpp: true, feeRupiah: 0, requirements: "KK; untuk penggantian: surat keterangan hilang dari kepolisian atau KTP-el yang rusak.", procedure: "1. Perekaman biometrik.\n2. Verifikasi data.\n3. Pencetakan KTP-el.", duration: "1 hari kerja setelah perekaman, bila blangko tersedia.", cost: FREE, product: "KTP-el.", legalBasis: ADMINDUK },
  { name: "Penerbitan Akta Kematian", summary: "Pencatatan kematian penduduk.", sector: "kependudukan", unit: "Dinas Kependudukan dan Pencatatan Sipil", atMpp: true, feeRupiah: 0, requirements: "Surat kematian dari dokter atau kelurahan; KK dan KTP-el almarhum.", procedure: "1. Pelapor menyerahkan berkas.\n2. Verifikasi.\n3. Pencatatan dan penerbitan akta.", duration: "1 hari kerja.", cost: FREE, product: "Kutipan Akta Kematian dan KK yang diperbarui.", legalBasis: ADMINDUK },
  { name: "Persetujuan Bangunan Gedung", summary: "PBG untuk membangun baru, mengubah atau merawat bangunan gedung.", sector: "pertanahan_pu", unit: "Dinas Pekerjaan Umum dan Penataan Ruang", onlineUrl: "https://simbg.pu.go.id", atMpp: true, feeRupiah: null, requirements: "Data pemohon; data bangunan; dokumen rencana teknis (arsitektur, struktur, utilitas); bukti kepemilikan tanah.", procedure: "1. Pengajuan melalui SIMBG.\n2. Konsultasi dengan Tim Profesi Ahli.\n3. Penetapan retribusi.\n4. Pembayaran.\n5. Penerbitan PBG.", duration: "28 hari kerja.", cost: "Retribusi PBG sesuai Perda Kota Jambi; " + RETRIBUSI, product: "Persetujuan Bangunan Gedung (PBG).", legalBasis: "PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung" },
  { name: "Nomor Induk Berusaha untuk Usaha Mikro dan Kecil", summary: "Pendampingan penerbitan NIB melalui OSS bagi pelaku UMK.", sector: "umkm_perdagangan", unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", onlineUrl: "https://oss.go.id", atMpp: true, feeRupiah: 0, requirements: "NIK; alamat usaha; bidang usaha (KBLI).", procedure: "1. Buat akun OSS.\n2. Isi data usaha.\n3. Terbitkan NIB.", duration: "Di hari yang sama.", cost: FREE, product: "Nomor Induk Berusaha (NIB).", legalBasis: "PP 5/2021; PP 7/2021" },
  { name: "Surat Izin Praktik Dokter", summary: "SIP dokter dan dokter gigi di fasilitas kesehatan Kota Jambi.", sector: "kesehatan", unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", atMpp: true, feeRupiah: 0, requirements: "STR yang berlaku; surat keterangan dari fasilitas pelayanan kesehatan; rekomendasi organisasi profesi; pasfoto.", procedure: "1. Pengajuan berkas.\n2. Verifikasi oleh dinas kesehatan.\n3. Penerbitan SIP.", duration: "5 hari kerja.", cost: FREE, product: "Surat Izin Praktik (SIP).", legalBasis: "UU 17/2023 tentang Kesehatan" },
  { name: "Penerimaan Peserta Didik Baru SD dan SMP", summary: "Pendaftaran murid baru sekolah negeri.", sector: "pendidikan", unit: "Dinas Pendidikan", atMpp: false, feeRupiah: 0, requirements: "Akta kelahiran; KK; rapor atau surat keterangan lulus untuk SMP.", procedure: "1. Pendaftaran sesuai jalur.\n2. Verifikasi berkas.\n3. Pengumuman.\n4. Daftar ulang.", duration: "Sesuai jadwal yang diumumkan.", cost: FREE, product: "Pengumuman hasil seleksi.", legalBasis: "Permendikbudristek tentang penerimaan peserta didik baru" },
  { name: "Kartu Tanda Bukti Pendaftaran Pencari Kerja", summary: "Kartu AK/I bagi pencari kerja.", sector: "ketenagakerjaan", unit: "Dinas Tenaga Kerja", atMpp: true, feeRupiah: 0, requirements: "KTP-el; ijazah terakhir; pasfoto.", procedure: "1. Daftar di loket atau secara daring.\n2. Verifikasi.\n3. Pencetakan kartu.", duration: "1 hari kerja.", cost: FREE, product: "Kartu AK/I.", legalBasis: "Permenaker 39/2016 tentang Penempatan Tenaga Kerja" },
  { name: "Pengujian Berkala Kendaraan Bermotor", summary: "Uji KIR mobil barang dan angkutan umum.", sector: "perhubungan", unit: "Dinas Perhubungan", atMpp: false, feeRupiah: null, requirements: "STNK; buku/kartu uji sebelumnya; kendaraan dibawa ke unit pengujian.", procedure: "1. Pendaftaran.\n2. Pembayaran retribusi.\n3. Pengujian kendaraan.\n4. Penerbitan kartu uji.", duration: "1 hari kerja.", cost: "Retribusi pengujian kendaraan bermotor sesuai Perda Kota Jambi; " + RETRIBUSI, product: "Kartu uji berkala elektronik (BLUe) dan tanda lulus uji.", legalBasis: "PM 19/2021 tentang Pengujian Berkala Kendaraan Bermotor" },
  { name: "Pengangkutan Sampah Kawasan Usaha", summary: "Layanan angkut sampah bagi pelaku usaha dan kawasan.", sector: "lingkungan_hidup", unit: "Dinas Lingkungan Hidup", atMpp: false, feeRupiah: null, requirements: "Formulir permohonan; identitas penanggung jawab kawasan.", procedure: "1. Permohonan.\n2. Survei volume sampah.\n3. Penetapan retribusi.\n4. Jadwal angkut.", duration: "5 hari kerja sejak permohonan.", cost: "Retribusi pelayanan persampahan sesuai Perda Kota Jambi.", product: "Jadwal dan layanan pengangkutan sampah.", legalBasis: "UU 18/2008 tentang Pengelolaan Sampah" },
  { name: "Usulan Penerima Bantuan Iuran JKN", summary: "Usulan warga miskin/tidak mampu sebagai peserta PBI JKN.", sector: "sosial", unit: "Dinas Sosial", atMpp: true, feeRupiah: 0, requirements: "KTP-el; KK; surat keterangan tidak mampu dari kelurahan.", procedure: "1. Pengajuan di kelurahan atau dinas.\n2. Verifikasi DTKS.\n3. Pengusulan ke Kementerian Sosial.", duration: "14 hari kerja untuk verifikasi.", cost: FREE, product: "Usulan kepesertaan PBI JKN.", legalBasis: "Perpres 82/2018 tentang Jaminan Kesehatan" },
  { name: "Izin Penyelenggaraan Reklame", summary: "Rancangan standar baru untuk izin reklame.", sector: "perizinan", unit: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", atMpp: true, feeRupiah: null, requirements: "Dalam penyusunan.", procedure: "Dalam penyusunan.", duration: "", cost: "", product: "", legalBasis: "", shape: "draft" },
];

/** The components every demo standard shares beyond its own (complaints and the internal management ones). */
function componentsOf(s: DemoService, agencyName: string): ServiceComponents {
  return {
    requirements: s.requirements,
    procedure: s.procedure,
    duration: s.duration,
    cost: s.cost,
    product: s.product,
    complaints: `SP4N-LAPOR! (www.lapor.go.id atau SMS 1708); kotak saran dan meja pengaduan di ${s.unit}; tanggapan paling lambat 5 hari kerja.`,
    legalBasis: s.legalBasis,
    facilities: "Ruang tunggu ber-AC, loket antrean, komputer dan printer, akses bagi penyandang disabilitas.",
    competence: "Memahami peraturan terkait, mampu mengoperasikan aplikasi layanan, berkomunikasi dengan santun.",
    supervision: `Pengawasan oleh atasan langsung dan Inspektorat ${agencyName}.`,
    staffing: "3 orang petugas loket dan 1 orang verifikator.",
    serviceGuarantee: "Maklumat pelayanan ditandatangani kepala unit dan dipajang di ruang layanan.",
    safetyGuarantee: "Data pemohon dijaga kerahasiaannya; dokumen diterbitkan dengan tanda tangan elektronik yang dapat diverifikasi.",
    performanceEvaluation: "Survei Kepuasan Masyarakat (PermenPANRB 14/2017) sekurang-kurangnya sekali setahun dan evaluasi bulanan oleh kepala unit.",
  };
}

/**
 * DEMO DATA ONLY (demo mode): about a dozen services each for Provinsi Jambi (15) and Kota Jambi
 * (15.71), their owning units, and Standar Pelayanan in force (one with a replaced version, one
 * with a draft of the next version, one only drafted), so the catalogue shows something on a fresh
 * install. Summaries and decree numbers carry "DATA DEMO". Services already there (same address)
 * are kept; the whole seed is one transaction, audited as `seed:demo`.
 */
export async function seedDemoServices(db: Db): Promise<number> {
  const found = await db.select({ id: agencies.id, code: agencies.code, name: agencies.name }).from(agencies).where(inArray(agencies.code, ["15", "15.71"]));
  const ctx = { actorUserId: null, actorLabel: "seed:demo", ip: null, userAgent: null };
  let added = 0;
  for (const [code, list, prefix] of [["15", PROVINCE, "Kep.Gub"], ["15.71", CITY, "Kep.Wal"]] as const) {
    const agency = found.find((a) => a.code === code);
    if (!agency) continue;
    await db.transaction(async (tx) => {
      const unitNames = [...new Set(list.map((s) => s.unit))];
      await tx.insert(units).values(unitNames.map((name) => ({ agencyId: agency.id, name }))).onConflictDoNothing();
      const unitRows = await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.agencyId, agency.id), inArray(units.name, unitNames)));
      const unitId = new Map(unitRows.map((u) => [u.name, u.id]));
      for (const [i, s] of list.entries()) {
        const [row] = await tx
          .insert(publicServices)
          .values({ agencyId: agency.id, slug: serviceSlug(s.name), name: s.name, summary: `${DEMO_SERVICE_MARK}: ${s.summary}`, sector: s.sector, unitId: unitId.get(s.unit) ?? null, onlineUrl: s.onlineUrl ?? null, atMpp: s.atMpp, atOffice: s.atOffice ?? true, feeRupiah: s.feeRupiah })
          .onConflictDoNothing()
          .returning({ id: publicServices.id });
        if (!row) continue;
        added++;
        const components = componentsOf(s, agency.name);
        const decree = (year: number) => ({ decreeNumber: `${DEMO_SERVICE_MARK} 100.3.3/${i + 1}/${prefix}/${year}`, decreeDate: `${year}-0${1 + (i % 9)}-1${i % 10}` });
        const at = (year: number) => new Date(`${year}-0${1 + (i % 9)}-2${i % 10}T02:00:00Z`);
        if (s.shape === "draft") {
          await tx.insert(serviceStandardVersions).values({ serviceId: row.id, version: 1, status: "draft", ...components });
        } else if (s.shape === "history") {
          await tx.insert(serviceStandardVersions).values([
            { serviceId: row.id, version: 1, status: "replaced", ...components, duration: "3 hari kerja sejak berkas lengkap.", ...decree(2023), inForceAt: at(2023), replacedAt: at(2025) },
            { serviceId: row.id, version: 2, status: "in_force", ...components, ...decree(2025), inForceAt: at(2025) },
          ]);
        } else {
          await tx.insert(serviceStandardVersions).values({ serviceId: row.id, version: 1, status: "in_force", ...components, ...decree(2024), inForceAt: at(2024) });
          if (s.shape === "next") await tx.insert(serviceStandardVersions).values({ serviceId: row.id, version: 2, status: "draft", ...components, duration: `${components.duration} (diusulkan dipercepat)` });
        }
        await recordAudit(tx, ctx, { agencyId: agency.id, action: "service.create", targetType: "public_service", targetId: row.id, after: { name: s.name, demo: true } });
      }
    });
  }
  return added;
}
