"""DOCX templates of the identity.* documents."""

from __future__ import annotations

from scripts.docx_templates.layout import (
    Block,
    P,
    Para,
    signature_block,
)

BIRTH_FACT = [
    Block(
        [
            P(("**", '{{ c._("Court:") }}'), " {{ c.court.name }}", style="addressee"),
            P("{% if c.court.address %}{{ c.court.address.line }}{% endif %}", style="addressee"),
            P(
                ("**", '{{ c._("Applicant:") }}'),
                ' {{ c.applicant.name }}{% if c.lang == "en" %} ({{ c.applicant.native }}){% endif %},'
                ' {{ c._("born %(date)s", date=c.applicant.birth_date_numeric) }},'
                " {{ c.applicant.identification }}",
                style="addressee",
            ),
            P(
                '{{ c._("Address: %(address)s", address=c.applicant.address.line) }}',
                style="addressee",
            ),
            P(
                '{% if c.applicant.phone %}{{ c._("Phone: %(phone)s", phone=c.applicant.phone) }}{% if c.applicant.phone_foreign %} ({{ c._("foreign number") }}){% endif %}{% endif %}{% if c.applicant.email %} {{ c._("E-mail: %(email)s", email=c.applicant.email) }}{% endif %}',
                style="addressee",
            ),
            P(
                ("**", '{{ c._("Interested party:") }}'),
                " {{ c.interested_party.name }}{% if c.interested_party.edrpou %},"
                ' {{ c._("EDRPOU code %(code)s", code=c.interested_party.edrpou) }}{% endif %}',
                style="addressee",
            ),
            P(
                "{% if c.interested_party.address %}{{ c.interested_party.address.line }}{% endif %}",
                style="addressee",
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("Application")|upper }}', style="title"),
            P(
                '{{ c._("to establish the fact of birth of a person on the temporarily occupied territory of Ukraine") }}',
                style="subtitle",
            ),
            P('{{ c._("(separate proceedings)") }}', style="procedure"),
        ]
    ),
    Block(
        [
            P(
                "{{ c.applicant.relation_statement }}"
                "{% if c.applicant.standing %} {{ c.applicant.standing }}{% endif %}"
            )
        ]
    ),
    Block([P("{{ c.child.born_statement }}")]),
    Block(
        [
            P(
                '{% if c.mother %}{{ c._("The child\'s mother is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.mother.name, date=c.mother.birth_date, citizenship=c.mother.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s mother.") }}{% endif %} '
                '{% if c.father %}{{ c._("The child\'s father is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.father.name, date=c.father.birth_date, citizenship=c.father.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s father.") }}{% endif %}'
                "{% if c.marriage %} {{ c.marriage }}{% endif %}"
            )
        ]
    ),
    Block([P("{{ c.occupation.statement }}")]),
    Block(
        [
            P(
                '{{ c._("The occupying authorities issued a birth certificate %(number)s on %(date)s (issued by: %(issuer)s). Ukraine does not recognise this document; it is attached only as evidence of the fact of birth.", number=c.certificate.number, date=c.certificate.issue_date, issuer=c.certificate.issued_by) }}'
            )
        ],
        condition="langs[0].certificate",
    ),
    Block(
        [
            P("{%p for paragraph in c.circumstances.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].circumstances",
    ),
    Block(
        [
            P(
                '{{ c._("The fact of birth must be established so that the birth can be registered by a civil-registration authority and a birth certificate issued. The fact cannot be established other than by a court.") }}'
            )
        ]
    ),
    Block(
        [
            P(
                '{{ c._("Under article 317 of the Civil Procedure Code of Ukraine, an application to establish the fact of birth on the temporarily occupied territory of Ukraine may be filed with any local court of Ukraine that administers justice, regardless of the applicant\'s place of residence (stay); the case is heard without delay and the decision is subject to immediate enforcement.") }}'
            ),
        ]
    ),
    Block(
        [
            P("{{ c.court_fee }}"),
            P("{{ c.e_cabinet }} {{ c.originals }}"),
            P("{{ c.costs }}"),
            P("{{ c.no_other_application }}"),
            P(
                '{{ c._("On these grounds, and under article 317 of the Civil Procedure Code of Ukraine,") }}'
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("I ask the court:") }}', style="heading"),
            P(
                '1. {{ c._("To establish the fact of birth of %(child)s on %(date)s; place of birth: %(place)s; sex: %(sex)s; mother: %(mother)s; father: %(father)s.", child=c.child.genitive, date=c.child.birth_date, place=c.child.birth_place.line, sex=c.child.sex_label, mother=c.mother.name if c.mother else "—", father=c.father.name if c.father else "—") }}',
                style="plain",
            ),
            P("{%p for summon in c.summons %}", style="plain"),
            P("{{ loop.index + 1 }}. {{ summon }}", style="plain"),
            P("{%p endfor %}", style="plain"),
            P(
                '{{ c.summons|length + 2 }}. {{ c._("To send a copy of the decision to the %(office)s for the state registration of the child\'s birth.", office=c.registry_office) }}',
                style="plain",
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("Attachments:") }}', style="heading"),
            *[
                P("{%p for item in c.attachments %}", style="plain"),
                P("{{ loop.index }}. {{ item }}", style="plain"),
                P("{%p endfor %}", style="plain"),
            ],
            *signature_block().paragraphs,
        ],
        keep_together=True,
    ),
    Block(
        [
            P(
                '{{ c._("Legal basis: %(basis)s", basis=document.legal_basis[c.lang]) }}',
                style="small",
            )
        ]
    ),
]


def fact(label: str, value: str) -> Para:
    """One "Label: value" line of a list of facts, the label in bold."""
    return P(("**", '{{ c._("' + label + '") }}'), " " + value, style="plain")


def numbered_list(items: str, line: str = "{{ item }}") -> list[Para]:
    """A numbered list of paragraphs over `items` (an expression on `c`)."""
    return [
        P("{%p for item in " + items + " %}", style="plain"),
        P("{{ loop.index }}. " + line, style="plain"),
        P("{%p endfor %}", style="plain"),
    ]


def legal_basis_block() -> Block:
    """The legal basis, in small print."""
    return Block(
        [
            P(
                '{{ c._("Legal basis: %(basis)s", basis=document.legal_basis[c.lang]) }}',
                style="small",
            )
        ]
    )


def data_sheet_heading(subtitle: str, note: str) -> Block:
    """The title "INFORMATION", what for (a msgid) and for whom (a msgid, in italics)."""
    return Block(
        [
            P('{{ c._("Information")|upper }}', style="title"),
            P('{{ c._("' + subtitle + '") }}', style="subtitle"),
            P('{{ c._("' + note + '") }}', style="procedure"),
        ]
    )


def originals_block(heading: str, items: str) -> Block:
    """The list of originals to show (a heading msgid, the items on `c`), and who gave it."""
    return Block(
        [
            P('{{ c._("' + heading + '") }}', style="heading"),
            *numbered_list(items),
            P("{{ c.given_by }}", style="plain"),
        ],
        keep_together=True,
    )


BIRTH_REGISTRATION = [
    data_sheet_heading(
        "for the state registration of a birth",
        "(for the officer of the civil registration office)",
    ),
    Block([fact("Civil registration office:", "{{ c.office.line }}")]),
    Block(
        [
            P(
                '{{ c._("Information needed to form the application for the state registration'
                ' of birth in the State Register of Civil Status Acts:") }}'
            )
        ]
    ),
    Block(
        [
            fact("Applicant:", "{{ c.applicant.line }}"),
            fact("Child — surname, given name, patronymic:", "{{ c.child.display_name }}"),
            fact("Sex:", "{{ c.child.sex_label }}"),
            fact("Date of birth:", "{{ c.child.birth_date }}"),
            fact("Place of birth:", "{{ c.child.birth_place_line }}"),
            fact("Basis for the state registration of the birth:", "{{ c.basis.line }}"),
            fact("Mother:", "{{ c.mother.line }}"),
            P("{%p if c.father %}", style="plain"),
            fact("Father:", "{{ c.father.line }}"),
            P("{%p endif %}", style="plain"),
        ]
    ),
    Block(
        [
            P("{{ c.father_statement }}"),
            P("{%p if c.parents_cannot_register %}", style="plain"),
            P("{{ c.parents_cannot_register }}"),
            P("{%p endif %}", style="plain"),
        ]
    ),
    Block(
        [
            P("{%p for paragraph in c.circumstances.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].circumstances",
    ),
    originals_block("Originals to show the officer:", "c.originals"),
    legal_basis_block(),
]

ID_CARD = [
    data_sheet_heading(
        "for the first issue of a passport of a citizen of Ukraine in the form of an ID card",
        "(for the officer of the State Migration Service / administrative service centre) and"
        " the list of originals",
    ),
    Block([fact("Authority:", "{{ c.authority.line }}")]),
    Block(
        [
            P(
                '{{ c._("Information for the application-form for the first issue of a passport'
                ' of a citizen of Ukraine on reaching the age of 14:") }}'
            )
        ]
    ),
    Block(
        [
            fact("Surname, given name, patronymic:", "{{ c.child.display_name }}"),
            fact("Date of birth:", "{{ c.child.birth_date }}"),
            fact("Place of birth:", "{{ c.child.birth_place_line }}"),
            fact("Sex:", "{{ c.child.sex_label }}"),
            fact("Citizenship:", "{{ c.child.citizenship }}"),
            fact("RNOKPP (tax number):", "{{ c.rnokpp }}"),
            P("{%p if c.child.unzr %}", style="plain"),
            fact("UNZR (Demographic Register record):", "{{ c.child.unzr }}"),
            P("{%p endif %}", style="plain"),
            fact("Place of residence:", "{{ c.address }}"),
            P("{%p if c.child.phone %}", style="plain"),
            fact("Phone:", "{{ c.child.phone }}"),
            P("{%p endif %}", style="plain"),
            fact("Birth certificate:", "{{ c.birth_certificate.line }}"),
            P("{%p if c.legal_representative %}", style="plain"),
            fact(
                "Legal representative (if needed, to show the parents' documents):",
                "{{ c.legal_representative.line }}",
            ),
            P("{%p endif %}", style="plain"),
        ]
    ),
    originals_block("Originals to show:", "c.originals"),
    legal_basis_block(),
]

IDP_REGISTRATION = [
    data_sheet_heading(
        "for the application for registration as an internally displaced person",
        "(to fill in the official form)",
    ),
    Block(
        [
            fact("Authority:", "{{ c.authority.line }}"),
            fact("Applicant:", "{{ c.applicant.line }}"),
        ]
    ),
    Block(
        [
            P("{{ c.children_heading }}"),
            *numbered_list("c.children", "{{ item.line }}"),
        ]
    ),
    Block(
        [
            fact(
                "Registered place of residence before displacement:", "{{ c.registered_address }}"
            ),
            fact("Actual place of residence:", "{{ c.actual_address }}"),
        ]
    ),
    Block(
        [
            P(
                "{% if c.arrival %}{{ c.arrival }}{% endif %}{% if c.arrival and c.standing %}"
                " {% endif %}{% if c.standing %}{{ c.standing }}{% endif %}"
            )
        ],
        condition="langs[0].arrival or langs[0].standing",
    ),
    originals_block("Documents to show:", "c.documents"),
    legal_basis_block(),
]


DOCUMENTS = {
    "identity.birth_fact_court_application": (
        BIRTH_FACT,
        "Заява про встановлення факту народження особи на тимчасово окупованій території",
    ),
    "identity.birth_registration_application": (
        BIRTH_REGISTRATION,
        "Відомості для державної реєстрації народження",
    ),
    "identity.id_card_application": (
        ID_CARD,
        "Відомості для оформлення паспорта громадянина України у формі ID-картки вперше",
    ),
    "identity.idp_registration_application": (
        IDP_REGISTRATION,
        "Відомості для заяви про взяття на облік внутрішньо переміщеної особи",
    ),
}
