"""The papers of a head's release read back from their PDFs: the invitation (form 01), the
counting minutes (form 02) and the community's decision (form 03) in the words of a meeting
that decides whether to let the head go, and the ward's three answers (NĐ 59/2023, Art. 9.3)."""

import datetime as dt

from elections.count_documents import COMMUNITY_DECISION, COUNTING_MINUTES, DECISION
from elections.documents import MEETING_INVITATION
from elections.models import ReleaseChair, ReleaseWayIn
from elections.services import head_release
from tests.elections.release_helpers import MEETING, convene, hold, record_request
from tests.issuing import draft, issue, text_of


def test_the_invitation_and_the_minutes_speak_of_letting_the_head_go(
    recognised_kp1, personas, hcm_map, django_capture_on_commit_callbacks
):
    election = convene(personas, record_request(personas, hcm_map))
    invitation = text_of(draft(MEETING_INVITATION, election, django_capture_on_commit_callbacks))
    assert "Ban công tác Mặt trận Khu phố 1 trân trọng kính mời đại diện hộ gia đình" in invitation
    assert "biểu quyết việc cho thôi làm Trưởng khu phố đối với" in invitation
    assert "Nguyễn Văn head" in invitation
    assert "đơn xin thôi làm Trưởng khu phố của" in invitation
    assert "điểm c khoản 1 Điều 3 Nghị định số 59/2023/NĐ-CP" in invitation
    assert "Lê Thị Mặt Trận" in invitation
    assert "bầu Trưởng khu phố nhiệm kỳ" not in invitation

    meeting = hold(personas, election, agree=6)
    counting = text_of(draft(COUNTING_MINUTES, meeting, django_capture_on_commit_callbacks))
    assert "Kiểm phiếu biểu quyết cho thôi làm Trưởng khu phố tại Khu phố 1" in counting
    assert "Biểu quyết cho thôi làm Trưởng khu phố" in counting
    assert "thôi làm Trưởng khu phố." in counting
    assert "trúng cử" not in counting

    decision = text_of(draft(COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks))
    assert "Cuộc họp cộng đồng dân cư Khu phố 1 cho thôi làm Trưởng khu phố" in decision
    assert (
        "Chủ trì cuộc họp: ông (bà) Lê Thị Mặt Trận (Trưởng ban công tác Mặt trận khu phố triệu tập"
        in decision
    )
    assert "VI. Quyết định của cộng đồng dân cư: cộng đồng dân cư đồng ý cho" in decision
    assert "Tổ trưởng Tổ bầu cử" not in decision


def test_the_minutes_of_a_meeting_chaired_by_the_ward_chairman_name_the_fronts_agreement(
    recognised_kp1, personas, hcm_map, django_capture_on_commit_callbacks
):
    election = convene(
        personas,
        record_request(personas, hcm_map),
        head_is_front_head=True,
        chair=ReleaseChair.WARD_CHAIRMAN,
        chair_name="Phạm Minh Đức",
        front_agreed_on=dt.date(2025, 3, 5),
        front_agreed_by="Đặng Văn Hải",
    )
    meeting = hold(personas, election, agree=4)
    text = text_of(draft(COMMUNITY_DECISION, meeting, django_capture_on_commit_callbacks))
    assert "Chủ tịch Ủy ban nhân dân phường triệu tập và chủ trì" in text
    assert "(ông (bà) Đặng Văn Hải, ngày 05/03/2025)" in text
    assert "cuộc họp không thống nhất được việc cho" in text


def test_the_recognition_of_the_release_states_the_vote_and_the_sixty_days(
    recognised_kp1, personas, hcm_map, signers, django_capture_on_commit_callbacks
):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    decision = head_release.release_recognise(
        by=personas.p22_ubnd,
        election=election,
        received_on=dt.date(2025, 3, 11),
        decided_on=dt.date(2025, 3, 14),
    )
    paper = issue(
        DECISION,
        decision,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2025, 3, 14),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert paper.number.endswith("/QĐ-UBND")
    assert "Về việc công nhận kết quả cho thôi làm Trưởng khu phố" in text
    assert "thôi làm Trưởng Khu phố 1, nhiệm kỳ" in text
    assert "kể từ ngày 14/03/2025, với 6 (sáu) hộ đồng ý trên tổng số 10 (mười) hộ gia đình" in text
    assert "(chậm nhất ngày 13/05/2025)" in text
    assert "khoản 3 Điều 9 Nghị định số 59/2023/NĐ-CP" in text
    assert "Phạm Minh Đức" in text


def test_the_written_answer_is_a_letter_with_the_wards_reasons(
    recognised_kp1, personas, hcm_map, signers, django_capture_on_commit_callbacks
):
    election = convene(personas, record_request(personas, hcm_map))
    hold(personas, election, agree=6)
    answer = head_release.release_answer(
        by=personas.p22_ubnd,
        election=election,
        received_on=MEETING,
        decided_on=dt.date(2025, 3, 12),
        reason="Biên bản thiếu chữ ký đại diện hộ gia đình",
    )
    paper = issue(
        DECISION,
        answer,
        django_capture_on_commit_callbacks,
        by=personas.p22_ubnd,
        signed_on=dt.date(2025, 3, 12),
        signer=signers.chairman,
    )
    text = text_of(paper)
    assert paper.number.endswith("/UBND")
    assert "V/v trả lời về việc cho thôi làm Trưởng khu phố tại Khu phố 1" in text
    assert "Lý do: Biên bản thiếu chữ ký đại diện hộ gia đình." in text
    assert "Ông Nguyễn Văn head tiếp tục làm Trưởng Khu phố 1./." in text


def test_the_wards_own_decision_names_the_fronts_agreement_either_way(
    recognised_kp1, personas, hcm_map, django_capture_on_commit_callbacks
):
    request = record_request(
        personas, hcm_map, ReleaseWayIn.PETITION, petitioners=5, household_total=10, proposed_by="Đỗ Văn Dân"
    )
    election = convene(personas, request)
    hold(personas, election, agree=4)
    decided = head_release.release_decide(
        by=personas.p22_ubnd,
        election=election,
        decided_on=dt.date(2025, 3, 20),
        let_go=True,
        front_agreed_on=dt.date(2025, 3, 18),
        front_agreed_by="Đặng Văn Hải",
        reason="Không hoàn thành nhiệm vụ",
    )
    text = text_of(draft(DECISION, decided, django_capture_on_commit_callbacks))
    assert "Về việc cho thôi làm Trưởng khu phố" in text
    assert "kiến nghị của 5/10 hộ gia đình Khu phố 1 (điểm b khoản 1 Điều 9" in text
    assert "không thống nhất được việc cho thôi làm Trưởng khu phố (4 (bốn) hộ đồng ý" in text
    assert (
        "Sau khi thống nhất với Ủy ban MTTQ Việt Nam phường (ông (bà) Đặng Văn Hải, ngày 18/03/2025)" in text
    )
    assert "kể từ ngày 20/03/2025. Lý do: Không hoàn thành nhiệm vụ." in text
    assert "(chậm nhất ngày 19/05/2025)" in text
