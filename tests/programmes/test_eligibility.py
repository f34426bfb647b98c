from programmes.eligibility import (
    ANSWER_ALL,
    CHECK_WITH_US,
    ELIGIBLE,
    MET,
    NOT_MET,
    NOT_YET,
    UNANSWERED,
    UNKNOWN,
    Criterion,
    evaluate,
)

AGE = Criterion("age", required=True, asks=True)
TEAM = Criterion("team", required=True, asks=True)
WOMEN = Criterion("women", required=False, asks=True)
RURAL = Criterion("rural", required=True, asks=False)


def states(result):
    return {o.criterion.key: o.state for o in result.outcomes}


def test_every_required_criterion_met_is_eligible_even_if_a_preferred_one_is_not():
    result = evaluate([AGE, TEAM, WOMEN], {"age": "yes", "team": "yes", "women": "no"})
    assert result.verdict == ELIGIBLE
    assert states(result) == {"age": MET, "team": MET, "women": NOT_MET}


def test_one_required_criterion_not_met_is_not_yet():
    result = evaluate([AGE, TEAM, WOMEN], {"age": "yes", "team": "no", "women": "yes"})
    assert result.verdict == NOT_YET
    assert states(result)["team"] == NOT_MET


def test_an_unanswered_required_question_asks_for_an_answer():
    """Not "check with us": nothing needs the team, the visitor only skipped a question (with
    none answered, every criterion was said to need the team's confirmation)."""
    result = evaluate([AGE, TEAM], {"age": "yes"})
    assert result.verdict == ANSWER_ALL
    assert states(result) == {"age": MET, "team": UNANSWERED}
    assert evaluate([AGE, TEAM, WOMEN], {}).verdict == ANSWER_ALL


def test_a_required_criterion_without_question_needs_the_programme_team():
    result = evaluate([AGE, RURAL], {"age": "yes", "rural": "yes"})
    assert result.verdict == CHECK_WITH_US
    assert states(result)["rural"] == UNKNOWN


def test_tampered_answers_count_as_no_answer():
    answers = {"age": "YES", "team": ["yes"], "women": "1; DROP TABLE", "other": "yes"}
    result = evaluate([AGE, TEAM, WOMEN], answers)
    assert states(result) == {"age": UNANSWERED, "team": UNANSWERED, "women": UNANSWERED}
    assert result.verdict == ANSWER_ALL


def test_a_not_met_required_criterion_outweighs_unanswered_ones():
    assert evaluate([AGE, TEAM], {"team": "no"}).verdict == NOT_YET


def test_no_required_criterion_is_never_a_confident_yes():
    assert evaluate([WOMEN], {"women": "yes"}).verdict == CHECK_WITH_US
