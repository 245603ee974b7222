import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { isLeaf, type InstrumentNode } from "../../../core";
import { formatIndex, formatWeight } from "../../format";
import { useLang } from "../../i18n";
import { useDetail } from "./context";
import { IndicatorRow } from "./IndicatorRow";
import { nodeAnchor, useLabels } from "./labels";

/** A domain, aspect or other grouping: a collapsible section with its live index and its children. */
function GroupNode({ node, depth }: { node: InstrumentNode; depth: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useLabels();
  const score = useDetail().calc.nodeScores.get(node.code);
  return (
    <li className={`group group-depth-${Math.min(depth, 3)}`} id={nodeAnchor(node.code)}>
      <details open>
        <summary>
          <span className="group-title">
            <span className="code">{node.code}</span> <span className="kind">{labels.kind(node.kind)}</span>{" "}
            <span className="group-name">{node.name}</span>
          </span>
          <span className="group-meta">
            <span className="weight">{t("instrument.weight", { weight: formatWeight(node.weight, lang) })}</span>
            {score?.indexRounded != null && <span className="node-index">{t("instrument.nodeIndex", { value: formatIndex(score.indexRounded, lang) })}</span>}
          </span>
        </summary>
        <NodeList nodes={node.children ?? []} depth={depth + 1} />
      </details>
    </li>
  );
}

/** Any depth of tree: groups nest, indicators are rows with a level select. */
export function NodeList({ nodes, depth }: { nodes: InstrumentNode[]; depth: number }) {
  const { renderIndicator } = useDetail();
  return (
    <ul className={depth === 0 ? "tree" : "tree-children"}>
      {nodes.map((n) => (isLeaf(n) ? renderIndicator ? <Fragment key={n.code}>{renderIndicator(n)}</Fragment> : <IndicatorRow key={n.code} indicator={n} /> : <GroupNode key={n.code} node={n} depth={depth} />))}
    </ul>
  );
}
