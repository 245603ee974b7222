-- One counter for every finalised result in the country (scope 'results'): the province cockpit
-- compares its aspects with the national average of all Pandu results, so any new result or
-- correction anywhere invalidates the cached cockpits (src/db/queries/cache-generations.ts).
CREATE FUNCTION pandu_cache_all_results() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pandu_touch(ARRAY['results'], ARRAY[NULL::integer]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_all_ins AFTER INSERT ON assessment_results FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_all_results();
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_all_upd AFTER UPDATE ON assessment_results FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_all_results();
--> statement-breakpoint
CREATE TRIGGER assessment_results_cache_all_del AFTER DELETE ON assessment_results FOR EACH STATEMENT EXECUTE FUNCTION pandu_cache_all_results();
