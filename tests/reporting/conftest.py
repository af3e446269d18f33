import pytest

from reporting.documents import DocumentKind, register


def specimen_context(ward) -> dict:
    return {
        "issuer_parent": "Ủy ban nhân dân Quận Bình Thạnh",
        "issuer": f"Ủy ban nhân dân\n{ward.name}",
        "number": "05/QĐ-UBND",
        "place_date": f"{ward.name}, ngày 07 tháng 10 năm 2024",
        "doc_type": "Quyết định",
        "subject": "Về việc tổ chức bầu cử Trưởng khu phố\nnhiệm kỳ 2024 - 2029",
        "ward_name": ward.name,
        "plan_number": "192/KHLT-UBND-UBMTTQ",
        "plan_date": "ngày 07 tháng 10 năm 2024",
        "term": "2024 - 2029",
        "neighborhood_count": ward.children.count(),
        "households": 310,
        "deadline": "31/10/2024",
        "recipients": ["UBND Quận Bình Thạnh", "Ủy ban MTTQ Việt Nam phường", "Như Điều 3", "Lưu: VT"],
        "authority": ["TM. Ủy ban nhân dân"],
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Thị Hường",
    }


SPECIMEN = DocumentKind(
    key="specimen",
    template_name="documents/specimen.html",
    build_context=specimen_context,
    title=lambda ward: f"Quyết định tổ chức bầu cử – {ward.name}",
    division=lambda ward: ward,
)


@pytest.fixture(autouse=True)
def specimen_kind():
    return register(SPECIMEN)
