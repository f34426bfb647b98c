"""The "Am I eligible?" check: a visitor's yes/no answers against a programme's criteria.

Plain Python, no Django import. Answers come from the query string and are untrusted: anything
other than "yes" or "no" for a known criterion counts as no answer.
"""

from dataclasses import dataclass

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"  # no question settles it: the programme team does
UNANSWERED = "unanswered"  # asked, and the visitor gave no answer

ELIGIBLE = "eligible"
NOT_YET = "not_yet"
CHECK_WITH_US = "check"
ANSWER_ALL = "answer"

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
    answer the rest when a required question was left unanswered; otherwise (one no question can
    settle) check with us. Preferred criteria are reported but never change the verdict.
    """
    outcomes = []
    for criterion in criteria:
        if criterion.asks:
            answer = answers.get(criterion.key)
            state = {YES: MET, NO: NOT_MET}.get(answer) if isinstance(answer, str) else None
        else:
            state = UNKNOWN
        outcomes.append(Outcome(criterion, state or UNANSWERED))
    required = [o.state for o in outcomes if o.criterion.required]
    if NOT_MET in required:
        verdict = NOT_YET
    elif UNANSWERED in required:
        verdict = ANSWER_ALL
    elif required and all(state == MET for state in required):
        verdict = ELIGIBLE
    else:
        verdict = CHECK_WITH_US
    return Result(verdict, outcomes)
