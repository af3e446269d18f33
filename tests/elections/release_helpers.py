"""A head's release in a few calls (NĐ 59 Art. 9), as the ward and the team would do it."""

from __future__ import annotations

import datetime as dt

from elections.models import HeadReleaseRequest, ReleaseChair, ReleaseWayIn
from elections.selectors import tenures as tenure_selectors
from elections.services import head_release
from elections.services import meeting as meeting_services
from tests.elections.count_helpers import check_in_first, contest, enter_twice, run_procedure, secret_ballot

RECEIVED = dt.date(2025, 3, 3)
MEETING = dt.date(2025, 3, 10)


def record_request(personas, hcm_map, way_in=ReleaseWayIn.OWN_REQUEST, **extra) -> HeadReleaseRequest:
    fields = {"reasons": "Lý do sức khỏe.", "proposed_by": "Nguyễn Văn head"} | extra
    return head_release.head_release_request_record(
        by=personas.p22_ubnd,
        tenure=tenure_selectors.serving_head(hcm_map.kp1),
        way_in=way_in,
        received_on=RECEIVED,
        **fields,
    )


def convene(personas, request, **extra):
    fields = {
        "meeting_date": MEETING,
        "meeting_place": "Nhà văn hóa khu phố 1",
        "chair": ReleaseChair.FRONT_COMMITTEE_HEAD,
        "chair_name": "Lê Thị Mặt Trận",
    } | extra
    return head_release.head_release_meeting_convene(by=personas.p22_ubnd, request=request, **fields)


def hold(personas, election, agree: int, present: int = 8):
    """The team checks ``present`` households in, runs the procedure and both enter the count:
    ``agree`` households agree to let the head go."""
    team = personas.p22_kp1_tobaucu, personas.p22_kp1_thuky
    meeting = meeting_services.meeting_open(by=team[0], election=election)
    check_in_first(meeting, team[0], present)
    run_procedure(meeting)
    head = contest(meeting).candidates.get()
    enter_twice(meeting, contest(meeting), *team, secret_ballot({head: agree}, issued=present))
    election.refresh_from_db()
    meeting.refresh_from_db()
    return meeting
