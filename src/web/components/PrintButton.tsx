import { useTranslation } from "react-i18next";

/** "Cetak": opens the browser's print dialog; the print stylesheet turns the page into a report. */
export function PrintButton({ testId }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button-secondary button-small no-print" data-testid={testId} onClick={() => window.print()}>
      {t("layout.print.button")}
    </button>
  );
}
