/** Complaints (SP4N-LAPOR!): public intake and tracking, the agency's inbox, and service help pages. */
export { FileComplaintPage } from "./FileComplaint";
export { TrackComplaintPage } from "./TrackComplaint";
export { ComplaintInboxPage } from "./Inbox";
export { ComplaintDetailPage } from "./ComplaintDetail";
export { ServiceFaqPage } from "./ServiceFaq";
export { FaqEditorPage } from "./FaqEditor";
export { MyComplaintsPage } from "./MyComplaints";
