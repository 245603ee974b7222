import i18n from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { isLang, type Lang } from "../format";
import en from "./en.json";
import id from "./id.json";

/** Where the reader's language choice is kept between visits. */
export const LANG_STORAGE_KEY = "pandu.lang";
/** A choice made while signed in that the profile has not saved yet (the page may reload before the save lands). */
const LANG_PENDING_KEY = "pandu.lang.pending";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof id };
  }
}

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : "id";
  } catch {
    return "id"; // storage blocked (privacy mode): stay with the default
  }
}

function applyLang(lang: string): void {
  document.documentElement.lang = isLang(lang) ? lang : "id";
}

i18n.on("languageChanged", applyLang);

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: "id",
  supportedLngs: ["id", "en"],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
applyLang(i18n.language);

/** Switches the interface language and remembers the choice. */
export function setLanguage(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // not persisted; the switch still applies to this visit
  }
  void i18n.changeLanguage(lang);
}

/** Remembers that `lang` was chosen here and is still to be saved in the profile. */
export function markLanguagePending(lang: Lang): void {
  try {
    localStorage.setItem(LANG_PENDING_KEY, lang);
  } catch {
    // storage blocked: the profile save alone carries the choice
  }
}

/** The language chosen here but not yet saved in the profile, if any. */
export function pendingLanguage(): Lang | null {
  try {
    const v = localStorage.getItem(LANG_PENDING_KEY);
    return isLang(v) ? v : null;
  } catch {
    return null;
  }
}

/** The profile now holds the choice. */
export function clearPendingLanguage(): void {
  try {
    localStorage.removeItem(LANG_PENDING_KEY);
  } catch {
    // nothing to clear
  }
}

/** The current interface language as one of the supported ones. */
export function useLang(): Lang {
  const { i18n: instance } = useTranslation();
  const lang = instance.resolvedLanguage ?? instance.language;
  return isLang(lang) ? lang : "id";
}

export default i18n;
