"""The "Am I eligible?" check: a visitor's yes/no answers against a programme's criteria.

Plain Python, no Django import. Answers come from the query string and are untrusted: anything
other than "yes" or "no" for a known criterion counts as no answer.
"""

from dataclasses import dataclass

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"

ELIGIBLE = "eligible"
NOT_YET = "not_yet"
CHECK_WITH_US = "check"

YES = "yes"
NO = "no"


@dataclass(frozen=True)
class Criterion:
    key: str
    required: bool
    asks: bool  # whether the visitor is asked a question about it


@dataclass(frozen=True)
class Outcome:
    criterion: Criterion
    state: str


@dataclass(frozen=True)
class Result:
    verdict: str
    outcomes: list[Outcome]


def evaluate(criteria, answers) -> Result:
    """The verdict and each criterion's state.

    Eligible when every required criterion is met; not yet when a required one is not met;
    otherwise (a required criterion unanswered, or one no question can settle) check with us.
    Preferred criteria are reported but never change the verdict.
    """
    outcomes = []
    for criterion in criteria:
        answer = answers.get(criterion.key) if criterion.asks else None
        state = {YES: MET, NO: NOT_MET}.get(answer, UNKNOWN) if isinstance(answer, str) else UNKNOWN
        outcomes.append(Outcome(criterion, state))
    required = [o.state for o in outcomes if o.criterion.required]
    if NOT_MET in required:
        verdict = NOT_YET
    elif required and all(state == MET for state in required):
        verdict = ELIGIBLE
    else:
        verdict = CHECK_WITH_US
    return Result(verdict, outcomes)
