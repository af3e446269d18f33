from elections import rules


def secret(**overrides):
    figures = {
        "present": 200,
        "issued": 200,
        "returned": 198,
        "valid": 195,
        "invalid": 3,
        "approvals": {"An": 180, "Bình": 10},
    }
    return rules.tally_problems(**{**figures, **overrides})


def test_a_consistent_tally_has_no_problem():
    assert secret() == []


def test_returned_cannot_exceed_issued_nor_issued_present():
    assert "Phiếu thu vào (201) nhiều hơn phiếu phát ra (200)." in secret(returned=201, valid=198)
    assert "Phiếu phát ra (201) nhiều hơn số hộ có mặt (200)." in secret(issued=201)


def test_valid_plus_invalid_must_equal_returned():
    assert "Phiếu hợp lệ (195) + không hợp lệ (4) = 199, khác số phiếu thu vào (198)." in secret(invalid=4)


def test_a_candidate_cannot_exceed_the_valid_ballots_nor_the_total_the_seats():
    assert "Phiếu đồng ý An (196) nhiều hơn số phiếu hợp lệ (195)." in secret(approvals={"An": 196})
    assert any(
        "vượt quá số phiếu hợp lệ × số người được bầu" in p
        for p in secret(approvals={"An": 150, "Bình": 100})
    )


def test_negative_figures_are_named():
    assert "Số phiếu không hợp lệ không được âm (-1)." in secret(invalid=-1, valid=199)


def test_show_of_hands_cannot_exceed_those_present():
    problems = rules.show_of_hands_problems(present=100, per_candidate={"An": (80, 15, 6)})
    assert problems == [
        "An: đồng ý 80 + không đồng ý 15 + không biểu quyết 6 = 101, nhiều hơn số hộ có mặt (100)."
    ]
