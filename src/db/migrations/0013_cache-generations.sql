CREATE TABLE "cache_generations" (
	"scope" text PRIMARY KEY NOT NULL,
	"agency_id" integer,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cache_generations_agency_idx" ON "cache_generations" USING btree ("agency_id");
--> statement-breakpoint
-- Response-cache invalidation (src/server/cache): every write that changes what a cached response
-- shows raises a counter in the same transaction. pandu_touch(scopes, agency ids) raises (or creates) one
-- row per scope, in scope order so concurrent writers lock rows in the same order.
CREATE FUNCTION pandu_touch(scopes text[], agency_ids integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cache_generations AS g (scope, agency_id, generation)
  SELECT DISTINCT ON (s) s, a, 1 FROM unnest(scopes, agency_ids) AS t(s, a) WHERE s IS NOT NULL ORDER BY s
  ON CONFLICT (scope) DO UPDATE SET generation = g.generation + 1, agency_id = coalesce(excluded.agency_id, g.agency_id);
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_touch_assessments(ids integer[]) RETURNS void LANGUAGE sql AS $$
  SELECT pandu_touch(array_agg('assessment:' || id), array_agg(agency_id)) FROM assessments WHERE id = ANY(ids);
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_assessment_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch_assessments(ARRAY(SELECT DISTINCT assessment_id FROM changed));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_answer_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the link count of a piece of evidence shows in every workspace that links it
  PERFORM pandu_touch_assessments(ARRAY(SELECT assessment_id FROM changed UNION SELECT ae.assessment_id FROM answer_evidence ae WHERE ae.evidence_id IN (SELECT evidence_id FROM changed)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch_assessments(ARRAY(SELECT DISTINCT ae.assessment_id FROM answer_evidence ae WHERE ae.evidence_id IN (SELECT id FROM changed)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_evidence_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch_assessments(ARRAY(SELECT DISTINCT ae.assessment_id FROM answer_evidence ae WHERE ae.evidence_id IN (SELECT evidence_id FROM changed)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(array_agg('assessment:' || id), array_agg(agency_id)) FROM changed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_periods() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch_assessments(ARRAY(SELECT a.id FROM assessments a WHERE a.period_id IN (SELECT id FROM changed)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_agencies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(array_agg('agency:' || id) || ARRAY['published'], array_agg(id) || ARRAY[NULL::integer]) FROM changed;
  PERFORM pandu_touch_assessments(ARRAY(SELECT a.id FROM assessments a WHERE a.agency_id IN (SELECT id FROM changed)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_regional_targets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(array_agg('targets:' || agency_id), array_agg(agency_id)) FROM changed;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION pandu_cache_official_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(ARRAY['published'], ARRAY[NULL::integer]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER answers_cache_ins AFTER INSERT ON answers REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER answers_cache_upd AFTER UPDATE ON answers REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER answers_cache_del AFTER DELETE ON answers REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_ins AFTER INSERT ON assessment_results REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_upd AFTER UPDATE ON assessment_results REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_del AFTER DELETE ON assessment_results REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER stage_transitions_cache_ins AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER stage_transitions_cache_upd AFTER UPDATE ON stage_transitions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER stage_transitions_cache_del AFTER DELETE ON stage_transitions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER sectoral_services_cache_ins AFTER INSERT ON sectoral_services REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER sectoral_services_cache_upd AFTER UPDATE ON sectoral_services REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER sectoral_services_cache_del AFTER DELETE ON sectoral_services REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessment_rows();
--> statement-breakpoint
CREATE TRIGGER answer_evidence_cache_ins AFTER INSERT ON answer_evidence REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_answer_evidence();
--> statement-breakpoint
CREATE TRIGGER answer_evidence_cache_upd AFTER UPDATE ON answer_evidence REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_answer_evidence();
--> statement-breakpoint
CREATE TRIGGER answer_evidence_cache_del AFTER DELETE ON answer_evidence REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_answer_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_cache_upd AFTER UPDATE ON evidence REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_cache_del AFTER DELETE ON evidence REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_evidence();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_cache_ins AFTER INSERT ON evidence_versions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_evidence_versions();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_cache_upd AFTER UPDATE ON evidence_versions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_evidence_versions();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_cache_del AFTER DELETE ON evidence_versions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_evidence_versions();
--> statement-breakpoint
CREATE TRIGGER assessments_cache_ins AFTER INSERT ON assessments REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessments();
--> statement-breakpoint
CREATE TRIGGER assessments_cache_upd AFTER UPDATE ON assessments REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessments();
--> statement-breakpoint
CREATE TRIGGER assessments_cache_del AFTER DELETE ON assessments REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_assessments();
--> statement-breakpoint
CREATE TRIGGER periods_cache_upd AFTER UPDATE ON periods REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_periods();
--> statement-breakpoint
CREATE TRIGGER agencies_cache_ins AFTER INSERT ON agencies REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_agencies();
--> statement-breakpoint
CREATE TRIGGER agencies_cache_upd AFTER UPDATE ON agencies REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_agencies();
--> statement-breakpoint
CREATE TRIGGER agencies_cache_del AFTER DELETE ON agencies REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_agencies();
--> statement-breakpoint
CREATE TRIGGER regional_targets_cache_ins AFTER INSERT ON regional_targets REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_regional_targets();
--> statement-breakpoint
CREATE TRIGGER regional_targets_cache_upd AFTER UPDATE ON regional_targets REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_regional_targets();
--> statement-breakpoint
CREATE TRIGGER regional_targets_cache_del AFTER DELETE ON regional_targets REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_regional_targets();
--> statement-breakpoint
CREATE TRIGGER official_results_cache_ins AFTER INSERT ON official_results REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_official_results();
--> statement-breakpoint
CREATE TRIGGER official_results_cache_upd AFTER UPDATE ON official_results REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_official_results();
--> statement-breakpoint
CREATE TRIGGER official_results_cache_del AFTER DELETE ON official_results REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_official_results();
--> statement-breakpoint
CREATE FUNCTION pandu_cache_user_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- the workspace names who recorded each result revision
  PERFORM pandu_touch_assessments(ARRAY(SELECT DISTINCT assessment_id FROM assessment_results WHERE created_by_user_id = NEW.id));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER users_name_cache_upd AFTER UPDATE OF name ON users FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION pandu_cache_user_name();
