/**
 * Every machine code an error body (`{ error, message, details }`) may carry. `AppError` accepts only
 * these, so a new code must be added here — and `test/server/error-codes.test.ts` then asks for its
 * sentence in both web catalogues (`apiErrors.<code>`), so no server English reaches the screen.
 * The `details` named beside a code are what the web interpolates into its sentence.
 */
export const ERROR_CODES = [
  // generic, answered by the error handler itself
  "bad_request",
  "validation_error", // details.field
  "invalid_text", // details.field
  "not_found", // details.resource
  "conflict", // details.current for a version conflict
  "payload_too_large", // details.field, details.limitMegabytes
  "unsupported_media_type",
  "internal_error",
  "database_unavailable",
  // sign-in and accounts
  "unauthenticated",
  "csrf_failed",
  "citizen_sign_in_required",
  "token_read_only",
  "forbidden",
  "invalid_credentials",
  "totp_required",
  "invalid_totp",
  "too_many_attempts", // details.retryAfterSeconds
  "too_many_requests", // details.retryAfterSeconds (public endpoints, per IP / per service)
  "password_too_short", // details.field, details.minLength
  "password_too_weak", // details.field
  "wrong_password", // details.field
  "email_taken", // details.field
  "email_failed",
  "link_needs_email",
  "two_factor_already_on",
  "two_factor_not_started",
  "two_factor_needs_session",
  "sso_unlink_needs_session",
  "role_not_grantable", // details.role
  "role_needs_agency", // details.field, details.role
  "role_without_agency", // details.field, details.role
  "unknown_agency", // details.field, details.agencies
  "agencies_outside_province", // details.agencies
  "unknown_user", // details.field, details.email
  "user_lacks_role", // details.email, details.role
  "assignment_not_found", // details.userId, details.role
  // assessments
  "indicators_without_level", // details.indicators
  "indicators_unverified", // details.indicators
  "unknown_indicators", // details.field, details.indicators
  "one_per_indicator", // details.field
  "foreign_unit", // details.field, details.unit
  "stage_not_in_period", // details.field, details.stage
  "stage_not_current", // details.stage, details.openStage
  "stage_closed", // details.stage, details.closes
  "stage_not_open", // details.stage, details.opens
  "stage_changed",
  "window_order", // details.field
  "notes_required", // details.field
  "level_invalid", // details.field, details.indicator
  "external_score_invalid", // details.field, details.indicator
  "unknown_instrument", // details.field, details.instrument
  "instrument_invalid", // details.problems: [{ path, message }] — every problem of an uploaded instrument; details.count
  "instrument_too_large", // details.field, details.limitMegabytes
  "not_submitted",
  "no_final_result",
  "not_final", // the LHE exists once the assessment is final
  "no_published_results", // details.year: a province summary of a year without published results
  "job_not_done", // details.status: a document job's file before it is done
  "division_closed",
  "not_this_agency", // details.field
  "not_this_period", // details.field
  "assessment_required", // details.field
  "not_reachable", // details.year, details.maxIndex, details.maxPredicate
  "planning_invalid", // details.field
  "unit_name_taken", // details.field
  "evidence_damaged",
  "evidence_link_locked", // details.stage
  "file_missing", // details.field
  "file_empty", // details.field
  "title_required", // details.field
  "upload_busy",
  "upload_interrupted",
  "offset_mismatch", // details.offset
  "offset_required", // details.field
  "content_length_required", // details.field
  "chunk_too_small", // details.minBytes (S3 multipart: every part but the last)
  "review_changed", // details.current
  "logo_too_large", // details.field, details.limitMegabytes
  "logo_unsupported_type", // details.field
  "stage_not_closed", // details.stage
  "workbook_unreadable", // details.field: not a readable .xlsx workbook
  "workbook_too_large", // details.field: the upload or its decompressed size is over the limit
  "workbook_invalid", // details.problems: [{ sheet, row, column, code, message }]
  "answers_changed", // details.indicators: answers changed since the LKE export
  "reset_needs_administrator", // self-service reset without SMTP: the administrator issues links (an evidence item's review was saved by someone else)
  // service catalogue
  "service_name_taken", // details.field
  "standard_draft_exists", // details.version
  "standard_not_draft", // details.status
  "standard_incomplete", // details.fields: what a draft lacks before it is put in force
  // online applications (workflow refusals carry the engine's code; details.refusal)
  "application_invalid", // details.errors: every answer error ({ path, code, params })
  "application_not_editable", // details.state
  "no_published_form",
  "form_version_exists", // details.version
  "form_invalid", // details.problems: every problem of an uploaded form definition ({ path, message })
  "form_not_draft", // details.status
  "too_many_files", // details.max
  "attachment_type", // details.field, details.accepted
  "attachment_too_large", // details.field, details.limitMegabytes
  "unknown_action",
  "action_not_allowed_in_state",
  "role_not_allowed",
  "claim_required",
  "already_claimed",
  "not_claimed",
  "reason_required",
  // SKM surveys
  "survey_closed", // details.periodEnd: the survey no longer takes responses
  "survey_not_open", // details.periodStart: the survey does not take responses yet
  "duplicate_response", // this device already answered this survey
  "survey_bad_transition", // details.status: open a draft, close an open survey
  "foreign_service", // details.field: the service is not in this agency's catalogue
  "foreign_action", // details.field: the improvement action is not this agency's
  "responses_invalid", // details.problems: [{ row, column, message }]; nothing stored
  "sheet_unreadable", // details.field: not a readable CSV or .xlsx
  // citizen and staff sign-in (e-mail codes, OpenID Connect); docs/citizen-sign-in.md
  "sign_in_email_unavailable", // no SMTP and not demo mode: codes cannot be e-mailed
  "sign_in_code_wrong", // details.triesLeft
  "sign_in_code_expired", // unknown, used or older than 10 minutes
  "sign_in_code_exhausted", // 5 wrong tries: a new code is needed
  "oidc_not_configured",
  "oidc_state_invalid", // unknown or replayed state (SPA: ?galat=)
  "oidc_state_expired",
  "oidc_failed", // provider error, nonce mismatch, token not verified
  "oidc_no_account", // staff: no linked account and no enabled user with the provider's verified e-mail
  "oidc_account_disabled",
  "sso_second_factor_invalid", // staff SSO + TOTP: no pending sign-in in this browser, or it was tampered with
  "sso_second_factor_expired", // more than 10 minutes since the provider's answer
  // complaints (the workflow engine's refusal codes keep their names)
  "answer_required", // details.field
  "attachment_type_not_allowed", // details.field
  // scoring core (ScoringError codes)
  "missing_levels", // details.codes
  "invalid_level", // details.codes
  "invalid_score", // details.codes
  "unknown_indicator", // details.codes
] as const;

/** A stable machine error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];
