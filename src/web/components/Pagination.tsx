import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useLang } from "../i18n";

/** The page numbers to offer: the first, the last and two either side of the current one; null marks a gap. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) out.push(p);
    else if (out.at(-1) !== null) out.push(null);
  }
  return out;
}

/** The 1-based page read from the address, kept inside 1…pageCount (a bad or stale value shows page 1 or the last). */
export function pageFromParam(value: string | null, pageCount: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) return 1;
  return Math.min(n, Math.max(1, pageCount));
}

interface Props {
  /** The current page, 1-based. */
  page: number;
  pageCount: number;
  /** Rows per page and the total, for "showing 51–100 of 615". */
  pageSize: number;
  total: number;
  /** The address parameter that holds the page; every other parameter of the address is kept. */
  param: string;
  /** What the list is, for the navigation landmark's name. */
  label: string;
  /** Called after a page link is followed, e.g. to move focus to the top of the list. */
  onNavigate?: () => void;
  testId?: string;
}

/**
 * Page links for a long list. Each page is a real link to the same address with `param` set, so a
 * page can be bookmarked, shared or opened in a new tab; the current one carries aria-current.
 */
export function Pagination({ page, pageCount, pageSize, total, param, label, onNavigate, testId }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  if (total === 0) return null;
  const number = new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-GB");
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    if (p === 1) next.delete(param);
    else next.set(param, String(p));
    const search = next.toString();
    return search ? `?${search}` : "?";
  };
  const link = (p: number, text: string, extra: { rel?: string; label?: string; current?: boolean; testId?: string | undefined } = {}) => (
    <Link
      to={href(p)}
      className={extra.current ? "pager-link pager-current" : "pager-link"}
      rel={extra.rel}
      aria-label={extra.label}
      aria-current={extra.current ? "page" : undefined}
      data-testid={extra.testId}
      onClick={onNavigate}
      preventScrollReset
    >
      {text}
    </Link>
  );
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager no-print" aria-label={label} data-testid={testId}>
      <p className="pager-status" data-testid={testId && `${testId}-status`}>
        {t("pager.showing", { from: number.format(from), to: number.format(to), total: number.format(total) })}
      </p>
      {pageCount > 1 && (
        <ul className="pager-list">
          <li>{page > 1 ? link(page - 1, t("pager.previous"), { rel: "prev", testId: testId && `${testId}-previous` }) : <span className="pager-link pager-disabled" aria-disabled="true">{t("pager.previous")}</span>}</li>
          {pageWindow(page, pageCount).map((p, i) =>
            p === null ? (
              <li key={`gap-${i}`} aria-hidden="true" className="pager-gap">
                …
              </li>
            ) : (
              <li key={p}>{link(p, String(p), { label: t("pager.page", { n: p }), current: p === page })}</li>
            ),
          )}
          <li>{page < pageCount ? link(page + 1, t("pager.next"), { rel: "next", testId: testId && `${testId}-next` }) : <span className="pager-link pager-disabled" aria-disabled="true">{t("pager.next")}</span>}</li>
        </ul>
      )}
    </nav>
  );
}
