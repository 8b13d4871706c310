"""The route of each child of a case: rules from the facts to documents, steps, deadlines.

No Flask and no database: storage keeps each step's progress, this package decides.

- `plan.build_plan(case_data, progress, *, today, check_readiness=None) -> CasePlan`
- `readiness.make_readiness_check(lookup)`, `readiness.check_readiness` (no directory),
  `readiness.build_step_data` (a step's document data; the mother as `patient`)
- `steps.apply_step_change(current, change, *, today) -> StepProgress`
- `outcomes.outcome_overrides(template_id, progress_of_person) -> dict`
- `rules.identity`, `rules.custody`, `rules.medical`: the rules, as data
- `model`: the value types shared with storage, API, pages and CLI
"""
