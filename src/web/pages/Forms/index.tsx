export { FormsListPage } from "./FormsList";
export { FormBuilderPage } from "./FormBuilder";
