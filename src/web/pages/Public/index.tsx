/** The public portal (/publik): open results, no session needed; loaded as one chunk with the charts. */
export { PublicResultsPage } from "./ResultsPage";
export { PublicAgencyPage } from "./AgencyPage";
export { PublicProvincePage } from "./ProvincePage";
