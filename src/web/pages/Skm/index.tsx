/** SKM surveys: the public survey page (/survei/:surveyId) and the agency's own (/survei-kepuasan/:code). */
export { PublicSurveyPage } from "./PublicSurvey";
export { AgencySurveysPage } from "./AgencySurveys";
export { AgencySurveyPage } from "./AgencySurvey";
