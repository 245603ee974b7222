export { CitizenSignInPage } from "./SignIn";
export { CitizenAccountPage } from "./Account";
