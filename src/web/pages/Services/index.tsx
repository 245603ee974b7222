/** The service catalogue (Standar Pelayanan): the public pages (/layanan) and the agency's own (/katalog-layanan). */
export { PublicCataloguePage } from "./PublicCatalogue";
export { PublicServicePage } from "./PublicService";
export { AgencyCataloguePage } from "./AgencyCatalogue";
export { AgencyServicePage } from "./AgencyService";
