"""DOCX templates of the custody.* documents."""

from __future__ import annotations

from scripts.docx_templates.layout import (
    SIGNATURE_LINE,
    Block,
    P,
    authority_header_block,
    signature_block,
)


def facts_block(heading: str, items: str) -> Block:
    """A heading and labelled lines ("Date of birth: ..."), one paragraph each."""
    return Block(
        [
            P("{{ c._(" + heading + ") }}", style="heading"),
            P("{%p for fact in " + items + " %}", style="plain"),
            P(("**", "{{ fact.label }}"), " {{ fact.value }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ]
    )


def paragraphs_block(heading: str, text: str, condition: str | None = None) -> Block:
    """A heading and the paragraphs of a free text."""
    return Block(
        [
            P("{{ c._(" + heading + ") }}", style="heading"),
            P("{%p for paragraph in " + text + ".paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition=condition,
    )


def numbered_block(heading: str, items: str, *, keep_together: bool = False) -> Block:
    """A heading and a numbered list."""
    return Block(
        [
            P("{{ c._(" + heading + ") }}", style="heading"),
            P("{%p for item in " + items + " %}", style="plain"),
            P("{{ loop.index }}. {{ item }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ],
        keep_together=keep_together,
    )


LEGAL_BASIS = Block(
    [
        P(
            '{{ c._("Legal basis: %(basis)s", basis=document.legal_basis[c.lang]) }}',
            style="small",
        )
    ]
)

WAR_AFFECTED_STATUS = [
    authority_header_block("c.addressee", "c.filer"),
    Block(
        [
            P('{{ c._("Application")|upper }}', style="title"),
            P(
                '{{ c._("for the status of a child affected by hostilities and armed conflicts") }}',
                style="subtitle",
            ),
        ]
    ),
    Block(
        [
            P("{%p if c.applicant %}", style="plain"),
            P("{{ c.applicant.relation_statement }}"),
            P("{%p endif %}", style="plain"),
            P("{{ c.request }}"),
            P("{{ c.basis }}"),
        ]
    ),
    facts_block('"Information about the child:"', "c.child_facts"),
    Block(
        [
            P(
                '{{ c._("The circumstance that had the gravest effect on the child\'s health and development:") }}',
                style="heading",
            ),
            P("{{ c.circumstance }}"),
            P('{{ c._("Description of the circumstances:") }}', style="heading"),
            P("{%p for paragraph in c.details.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ]
    ),
    Block(
        [
            P('{{ c._("I confirm that the information in this application is true.") }}'),
            P("{{ c.consent }}"),
            P("{{ c.consider }}"),
        ]
    ),
    numbered_block('"Attachments:"', "c.attachments", keep_together=True),
    signature_block("c.application_date.long", "c.filer.signature"),
    LEGAL_BASIS,
]

CHILD_HANDOVER = [
    Block(
        [
            P(
                '{{ c._("Act")|upper }}{% if c.number %} {{ c._("No. %(number)s", number=c.number) }}{% endif %}',
                style="title",
            ),
            P('{{ c._("of handover of a child to the legal representative") }}', style="subtitle"),
            P("{{ c.place.settlement }}, {{ c.date.long }}, {{ c.time }}", style="procedure"),
        ]
    ),
    Block(
        [
            P('{{ c._("We, the undersigned:") }}', style="heading"),
            P("{%p for party in c.parties %}", style="plain"),
            P(
                "{{ loop.index }}. ",
                ("**", "{{ party.label }}"),
                " {{ party.summary }}",
                style="plain",
            ),
            P("{%p endfor %}", style="plain"),
            P('{{ c._("have drawn up this act as follows.") }}'),
        ]
    ),
    Block([P("{{ c.statement }}")]),
    facts_block('"The child:"', "c.child_facts"),
    facts_block('"Deportation and return of the child:"', "c.journey"),
    paragraphs_block('"Condition of the child at the handover:"', "c.condition"),
    paragraphs_block(
        '"Documents and belongings handed over with the child:"',
        "c.belongings",
        condition="langs[0].belongings",
    ),
    Block(
        [
            P("{{ c.basis }}"),
            P(
                '{{ c._("This act is drawn up in three copies of equal legal force, one for each party.") }}'
            ),
        ]
    ),
    Block(
        [
            P("{%p for signatory in c.signatures %}", style="plain"),
            P(("**", "{{ signatory.role }}"), style="heading"),
            P(
                "{{ c.date.numeric }}" + SIGNATURE_LINE + "{{ signatory.name }}",
                style="signature",
            ),
            P(("*", '\t{{ c._("signature") }}'), style="signature_caption"),
            P("{%p endfor %}", style="plain"),
        ]
    ),
    Block(
        [
            P(("**", "{{ c.acknowledgement.role }}"), style="heading"),
            P(
                "{{ c.date.numeric }}" + SIGNATURE_LINE + "{{ c.acknowledgement.name }}",
                style="signature",
            ),
            P(("*", '\t{{ c._("signature") }}'), style="signature_caption"),
        ],
        condition="langs[0].acknowledgement",
    ),
    LEGAL_BASIS,
]

GUARDIANSHIP = [
    authority_header_block("c.addressee", "c.applicant"),
    Block(
        [
            P('{{ c._("Application")|upper }}', style="title"),
            P("{{ c.subtitle }}", style="subtitle"),
        ]
    ),
    Block(
        [
            P("{{ c.applicant.relation_statement }}"),
            P(
                ("**", "{{ c.applicant.document_label }}"),
                " {{ c.applicant.document }}",
                style="plain",
            ),
        ]
    ),
    facts_block('"Information about the child:"', "c.child_facts"),
    Block(
        [
            P('{{ c._("The child\'s parents:") }}', style="heading"),
            P("{%p for parent in c.parents %}", style="plain"),
            P(("**", "{{ parent.role }}"), " {{ parent.text }}", style="plain"),
            P("{%p endfor %}", style="plain"),
            P("{{ c.status }}"),
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
    Block(
        [
            P(
                '{{ c._("Under article 243 of the Family Code of Ukraine, guardianship is established over a child under 14, and curatorship over a child aged 14 to 18.") }} {{ c.age_statement }}'
            )
        ]
    ),
    numbered_block('"I ask:"', "c.requests"),
    Block(
        [
            P("{{ c.undertaking }}"),
            P("{{ c.no_obstacles }}"),
            P("{{ c.consent }}"),
        ]
    ),
    numbered_block('"Attachments:"', "c.attachments", keep_together=True),
    signature_block("c.application_date.long", "c.applicant.signature"),
    LEGAL_BASIS,
]

ACCOMPANYING_ADULT_CONSENT = [
    Block(
        [
            P('{{ c._("Consent")|upper }}', style="title"),
            P("{{ c.subtitle }}", style="subtitle"),
            P(
                "{% if c.place %}{{ c.place }}, {% endif %}{{ c.date.long }}",
                style="procedure",
            ),
        ]
    ),
    Block([P("{{ c.statement }}"), P("{{ c.basis }}")]),
    Block(
        [
            P('{{ c._("Consenting parents (legal representatives):") }}', style="heading"),
            P("{%p for parent in c.parents %}", style="plain"),
            P(("**", "{{ parent.role }}"), " {{ parent.summary }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ]
    ),
    paragraphs_block(
        '"The other parent\'s consent is not required because:"',
        "c.sole_reason",
        condition="langs[0].sole_reason",
    ),
    facts_block('"The child:"', "c.child_facts"),
    Block(
        [
            P('{{ c._("The accompanying adult:") }}', style="heading"),
            P("{{ c.adult.summary }}", style="plain"),
        ]
    ),
    facts_block('"Terms of the trip:"', "c.terms"),
    Block([P("{{ c.powers }}")]),
    Block(
        [
            P("{%p for parent in c.parents %}", style="plain"),
            P(
                "{{ c.date.numeric }}" + SIGNATURE_LINE + "{{ parent.signature }}",
                style="signature",
            ),
            P(("*", '\t{{ c._("signature") }}'), style="signature_caption"),
            P("{%p endfor %}", style="plain"),
        ]
    ),
    Block(
        [
            P("{{ c.certification.heading }}", style="heading"),
            P("{%p if c.certification.body %}", style="plain"),
            P("{{ c.certification.body }}", style="plain"),
            P("{%p endif %}", style="plain"),
            P("{%p if c.certification.official %}", style="plain"),
            P(
                ("*", '{{ c._("(position, signature, given name and SURNAME, date, seal)") }}'),
                style="plain",
            ),
            P("{%p endif %}", style="plain"),
            *[P('{{ "_" * (32 if bilingual else 64) }}', style="plain") for _ in range(4)],
            P("{%p if not c.certification.official %}", style="plain"),
            *[P('{{ "_" * (32 if bilingual else 64) }}', style="plain") for _ in range(4)],
            P("{%p endif %}", style="plain"),
        ],
        condition="langs[0].certification",
        keep_together=True,
    ),
    Block(
        [
            P(
                '{{ c._("Legal basis: %(basis)s", basis=c.legal_basis) }}',
                style="small",
            )
        ]
    ),
]

DOCUMENTS: dict[str, tuple[list[Block], str]] = {
    "custody.war_affected_status_application": (
        WAR_AFFECTED_STATUS,
        "Заява про надання статусу дитини, яка постраждала внаслідок воєнних дій та "
        "збройних конфліктів",
    ),
    "custody.child_handover_act": (
        CHILD_HANDOVER,
        "Акт передачі дитини законному представнику",
    ),
    "custody.guardianship_application": (
        GUARDIANSHIP,
        "Заява про встановлення опіки (піклування)",
    ),
    "custody.accompanying_adult_consent": (
        ACCOMPANYING_ADULT_CONSENT,
        "Згода на поїздку дитини у супроводі іншої особи",
    ),
}
