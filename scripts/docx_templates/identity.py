"""DOCX templates of the identity.* documents."""

from __future__ import annotations

from scripts.docx_templates.layout import (
    SIGNATURE_LINE,
    Block,
    P,
    Para,
    authority_header_block,
    signature_block,
)

BIRTH_FACT = [
    Block(
        [
            P(("**", '{{ c._("Court:") }}'), " {{ c.court.name }}", style="plain"),
            P("{% if c.court.address %}{{ c.court.address.line }}{% endif %}", style="plain"),
            P(
                ("**", '{{ c._("Applicant:") }}'),
                ' {{ c.applicant.name }}{% if c.lang == "en" %} ({{ c.applicant.native }}){% endif %}, {{ c._("born %(date)s", date=c.applicant.birth_date_numeric) }}{% if c.applicant.rnokpp %}, {{ c._("RNOKPP %(number)s", number=c.applicant.rnokpp) }}{% endif %}',
                style="plain",
            ),
            P(
                '{{ c._("Address: %(address)s", address=c.applicant.address.line) }}{% if c.applicant.address.occupied %} ({{ c.applicant.address.occupied_note }}){% endif %}',
                style="plain",
            ),
            P(
                '{% if c.applicant.phone %}{{ c._("Phone: %(phone)s", phone=c.applicant.phone) }}{% if c.applicant.phone_foreign %} ({{ c._("foreign number") }}){% endif %}{% endif %}{% if c.applicant.email %} {{ c._("E-mail: %(email)s", email=c.applicant.email) }}{% endif %}',
                style="plain",
            ),
            P(
                ("**", '{{ c._("Interested party:") }}'),
                " {{ c.interested_party.name }}",
                style="plain",
            ),
            P(
                "{% if c.interested_party.address %}{{ c.interested_party.address.line }}{% endif %}",
                style="plain",
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
    Block([P("{{ c.applicant.relation_statement }}")]),
    Block([P("{{ c.child.born_statement }}")]),
    Block(
        [
            P(
                '{% if c.mother %}{{ c._("The child\'s mother is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.mother.name, date=c.mother.birth_date, citizenship=c.mother.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s mother.") }}{% endif %} '
                '{% if c.father %}{{ c._("The child\'s father is %(name)s, born %(date)s, citizenship: %(citizenship)s.", name=c.father.name, date=c.father.birth_date, citizenship=c.father.citizenship or c._("not known")) }}{% else %}{{ c._("There is no information about the child\'s father.") }}{% endif %}'
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
                '{{ c._("Under article 317 of the Civil Procedure Code of Ukraine, this application may be filed with any court outside the occupied territory regardless of the applicant\'s place of residence; the case is heard without delay and the decision is enforced immediately.") }}'
            ),
            P(
                '{{ c._("On these grounds, and under articles 315 and 317–319 of the Civil Procedure Code of Ukraine,") }}'
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
            P('2. {{ c._("To enforce the decision immediately.") }}', style="plain"),
            P(
                '3. {{ c._("To send a copy of the decision to the civil-registration authority, %(office)s, for the state registration of the birth.", office=c.interested_party.name) }}',
                style="plain",
            ),
        ]
    ),
    Block(
        [
            P('{{ c._("Attachments:") }}', style="heading"),
            P("{%p for item in c.evidence %}", style="plain"),
            P("{{ loop.index }}. {{ item }}", style="plain"),
            P("{%p endfor %}", style="plain"),
            P(
                '{{ c.evidence|length + 1 }}. {{ c._("Copy of the applicant\'s identity document") }}',
                style="plain",
            ),
            P(
                '{{ c.evidence|length + 2 }}. {{ c._("Copy of the application for the interested party") }}',
                style="plain",
            ),
        ],
        keep_together=True,
    ),
    signature_block(),
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


def attachments_block() -> Block:
    """The heading "Attachments:" and the numbered list of `c.attachments`."""
    return Block(
        [P('{{ c._("Attachments:") }}', style="heading"), *numbered_list("c.attachments")],
        keep_together=True,
    )


def signatures_block() -> Block:
    """One signature line for each of `c.signatures`; the date on the first one."""
    return Block(
        [
            P("{%p for signature in c.signatures %}", style="plain"),
            P("{%p if signature.role %}", style="plain"),
            P(("**", "{{ signature.role }}"), style="heading"),
            P("{%p endif %}", style="plain"),
            P(
                "{% if loop.first %}{{ c.application_date.long }}{% endif %}"
                + SIGNATURE_LINE
                + "{{ signature.name }}",
                style="signature",
            ),
            P(("*", "\t{{ signature.caption }}"), style="signature_caption"),
            P("{%p endfor %}", style="plain"),
        ]
    )


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


def heading_block(subtitle: str) -> Block:
    """The title "APPLICATION" and its subtitle (a msgid)."""
    return Block(
        [
            P('{{ c._("Application")|upper }}', style="title"),
            P('{{ c._("' + subtitle + '") }}', style="subtitle"),
        ]
    )


NATIVE = '{% if c.lang == "en" %} ({{ c.child.native }}){% endif %}'
BIRTH_PLACE = (
    "{{ c.child.birth_place.line }}{% if c.child.birth_place.occupied %}"
    " ({{ c.child.birth_place.occupied_note }}){% endif %}"
)

BIRTH_REGISTRATION = [
    authority_header_block(),
    heading_block("for the state registration of birth"),
    Block(
        [
            P("{{ c.applicant.relation_statement }}"),
            P(
                '{{ c._("I ask you to register the birth of the child and to issue a birth'
                " certificate. The child's details:\") }}"
            ),
        ]
    ),
    Block(
        [
            fact("Surname, given name, patronymic:", "{{ c.child.name }}" + NATIVE),
            fact("Sex:", "{{ c.child.sex_label }}"),
            fact("Date of birth:", "{{ c.child.birth_date }}"),
            fact("Place of birth:", BIRTH_PLACE),
        ]
    ),
    Block(
        [
            P(
                '{{ c._("Basis for the state registration of the birth: %(basis)s.",'
                " basis=c.basis.line) }}"
            )
        ]
    ),
    Block([fact("Mother:", "{{ c.mother.line }}")]),
    Block([fact("Father:", "{{ c.father.line }}")], condition="langs[0].father"),
    Block([P("{{ c.father_statement }}")]),
    Block(
        [
            P("{%p for paragraph in c.circumstances.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].circumstances",
    ),
    Block([P("{{ c.confirmation }}")]),
    attachments_block(),
    signatures_block(),
    legal_basis_block(),
]

ID_CARD = [
    authority_header_block(),
    heading_block("for the first issue of a passport of a citizen of Ukraine (ID card)"),
    Block(
        [
            P(
                '{{ c._("I ask you to issue me, for the first time, a passport of a citizen of'
                ' Ukraine in the form of a card (ID card), as I have reached the age of 14.") }}'
            ),
            P('{{ c._("About myself I state:") }}'),
        ]
    ),
    Block(
        [
            fact("Surname, given name, patronymic:", "{{ c.child.name }}" + NATIVE),
            fact("Date of birth:", "{{ c.child.birth_date }}"),
            fact("Place of birth:", BIRTH_PLACE),
            fact("Sex:", "{{ c.child.sex_label }}"),
            fact("Citizenship:", "{{ c.child.citizenship }}"),
            fact("RNOKPP (tax number):", "{{ c.rnokpp }}"),
            P(
                "{%p if c.child.unzr %}",
                style="plain",
            ),
            fact("UNZR (Demographic Register record):", "{{ c.child.unzr }}"),
            P("{%p endif %}", style="plain"),
            fact("Place of residence:", "{{ c.address }}"),
            fact("Birth certificate:", "{{ c.birth_certificate.line }}"),
        ]
    ),
    Block([P("{{ c.confirmation }}")]),
    Block(
        [
            P("{{ c.legal_representative.consent }}"),
            fact("Legal representative:", "{{ c.legal_representative.line }}"),
        ]
    ),
    attachments_block(),
    signatures_block(),
    legal_basis_block(),
]

IDP_REGISTRATION = [
    authority_header_block(),
    heading_block("for registration as an internally displaced person"),
    Block(
        [
            P(
                "{{ c.applicant.relation_statement }}{% if c.applicant.id_document %} "
                '{{ c._("Identity document: %(document)s",'
                " document=c.applicant.id_document.line) }}{% endif %}"
            ),
            P("{{ c.request }}"),
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
                "{% if c.arrival %}{{ c.arrival }}{% endif %}{% if c.arrival and c.unaccompanied %}"
                " {% endif %}{% if c.unaccompanied %}{{ c.unaccompanied }}{% endif %}"
            )
        ],
        condition="langs[0].arrival or langs[0].unaccompanied",
    ),
    Block([P("{{ c.consent }}"), P("{{ c.confirmation }}")]),
    attachments_block(),
    signature_block(),
    legal_basis_block(),
]


DOCUMENTS = {
    "identity.birth_fact_court_application": (
        BIRTH_FACT,
        "Заява про встановлення факту народження особи на тимчасово окупованій території",
    ),
    "identity.birth_registration_application": (
        BIRTH_REGISTRATION,
        "Заява про державну реєстрацію народження",
    ),
    "identity.id_card_application": (
        ID_CARD,
        "Заява про оформлення паспорта громадянина України (ID-картки) для дитини 14+",
    ),
    "identity.idp_registration_application": (
        IDP_REGISTRATION,
        "Заява про взяття на облік внутрішньо переміщеної особи",
    ),
}
