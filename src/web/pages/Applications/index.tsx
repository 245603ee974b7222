export { ApplyOnlineButton, MyApplicationPage, MyApplicationsPage } from "./citizen";
export { ApplicationQueuePage, OfficerApplicationPage } from "./officer";
