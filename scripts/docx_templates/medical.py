"""DOCX templates of the medical.* documents.

The blocks mirror the HTML templates; rows of label and value (`c.*_rows`) print as one
paragraph each, and the vaccination lists as numbered paragraphs.
"""

from __future__ import annotations

from scripts.docx_templates.layout import Block, P, signature_block


def letterhead() -> Block:
    """The referring organisation, as on its letterhead, with its ЄДРПОУ code."""
    return Block(
        [
            P(("**", "{{ c.referrer.organisation.name }}"), style="plain"),
            P("{%p if c.referrer.organisation.edrpou %}", style="small"),
            P("{{ c.referrer.organisation.edrpou }}", style="small"),
            P("{%p endif %}", style="small"),
            P("{%p if c.referrer.organisation.address %}", style="small"),
            P("{{ c.referrer.organisation.address.line }}", style="small"),
            P("{%p endif %}", style="small"),
        ]
    )


def addressee() -> Block:
    """The receiving facility (nominative), its unit if any, then its address: top right."""
    return Block(
        [
            P(("**", "{{ c.addressee.name }}"), style="addressee"),
            P("{%p if c.addressee_unit %}", style="addressee"),
            P("{{ c.addressee_unit }}", style="addressee"),
            P("{%p endif %}", style="addressee"),
            P("{%p if c.addressee.address %}", style="addressee"),
            P("{{ c.addressee.address.line }}", style="addressee"),
            P("{%p endif %}", style="addressee"),
        ]
    )


def heading(subtitle: str) -> Block:
    """Title, subtitle, date and number (and the e-referral number)."""
    return Block(
        [
            P('{{ c._("Referral")|upper }}', style="title"),
            P('{{ c._("' + subtitle + '") }}', style="subtitle"),
            P("{{ c.dated }}", style="procedure"),
        ]
    )


def text(expression: str, condition: str | None = None) -> Block:
    """One paragraph of body text."""
    return Block([P("{{ " + expression + " }}")], condition=condition)


def rows(title: str, rows_expression: str, condition: str | None = None) -> Block:
    """A section titled by an expression, of label: value paragraphs."""
    return Block(
        [
            P("{{ " + title + " }}", style="heading"),
            P("{%p for row in " + rows_expression + " %}", style="plain"),
            P(("*", "{{ row.label }}:"), " {{ row.value }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ],
        condition=condition,
    )


def fields(title: str, rows_expression: str, condition: str | None = None) -> Block:
    """A titled section of label: value paragraphs."""
    return rows('c._("' + title + '")', rows_expression, condition)


def representative() -> Block:
    """The legal representative (or the adult with the child), under its own title."""
    return rows("c.representative.title", "c.representative_rows", "langs[0].representative")


def free_text(title: str, value: str, condition: str | None = None) -> Block:
    """A titled section of free-text paragraphs (a `localize_text` result)."""
    return Block(
        [
            P('{{ c._("' + title + '") }}', style="heading"),
            P("{%p for paragraph in " + value + ".paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
        ],
        condition=condition,
    )


def note(expression: str) -> Block:
    """A note printed only when the data asks for it."""
    return Block(
        [P(("**", "{{ " + expression + " }}"), style="plain")],
        condition="langs[0]." + expression.removeprefix("c."),
    )


def referrer_signature() -> Block:
    """Who issued the referral, and the signature line."""
    block = signature_block("c.referral_date.long", "c.referrer.person.signature")
    return Block([P("{{ c.referrer.issued_by }}", style="heading"), *block.paragraphs])


def legal_basis() -> Block:
    """The legal basis, small, at the end."""
    return Block(
        [
            P(
                '{{ c._("Legal basis: %(basis)s", basis=document.legal_basis[c.lang]) }}',
                style="small",
            )
        ]
    )


def consent(title: str) -> list[Block]:
    """The consent: statement, basis, signature; the child's own; the acknowledgement."""
    caption = 'c._("signature (consent)")'
    signature = signature_block("c.referral_date.long", "c.consent.signature", caption)
    second = signature_block("c.referral_date.long", "c.consent.second.signature", caption)
    acknowledgement = signature_block(
        "c.referral_date.long",
        "c.consent.acknowledgement.signature",
        'c._("signature (acknowledgement)")',
    )
    return [
        Block(
            [
                P('{{ c._("' + title + '")|upper }}', style="title"),
                P("{{ c.consent.statement }}"),
                P("{%p if c.consent.basis %}", style="plain"),
                P(("*", "{{ c.consent.basis }}"), style="plain"),
                P("{%p endif %}", style="plain"),
                *signature.paragraphs,
            ]
        ),
        Block(
            [P("{{ c.consent.second.statement }}"), *second.paragraphs],
            condition="langs[0].consent.second",
        ),
        Block(
            [P("{{ c.consent.acknowledgement.text }}"), *acknowledgement.paragraphs],
            condition="langs[0].consent.acknowledgement",
        ),
    ]


REFERRAL = [
    letterhead(),
    addressee(),
    heading("to a health-care facility"),
    text("c.statement"),
    fields("About the child", "c.patient_rows"),
    representative(),
    fields("Referral details", "c.referral_rows"),
    free_text("Reason for the referral", "c.reason"),
    note("c.no_declaration_note"),
    text("c.reply_request"),
    referrer_signature(),
    legal_basis(),
]

PRENATAL = [
    letterhead(),
    addressee(),
    heading("of a pregnant woman for antenatal care"),
    text("c.statement"),
    fields("About the patient", "c.patient_rows"),
    representative(),
    fields("Pregnancy", "c.pregnancy_rows"),
    Block(
        [
            P('{{ c._("Known history") }}', style="heading"),
            P("{%p for paragraph in c.known_history.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
            P("{%p if c.known_history.denied %}", style="plain"),
            P("{{ c.known_history.denied }}"),
            P("{%p endif %}", style="plain"),
        ],
        condition="langs[0].known_history",
    ),
    text("c.request"),
    referrer_signature(),
    *consent("Consent to the referral"),
    legal_basis(),
]

VACCINATION = [
    letterhead(),
    addressee(),
    heading("for catch-up vaccination"),
    text(
        'c._("We refer the child named below for catch-up vaccination: the child\'s vaccinations are incomplete or not confirmed by Ukrainian medical records.")'
    ),
    fields("About the child", "c.patient_rows"),
    representative(),
    Block(
        [
            P('{{ c._("Known vaccinations") }}', style="heading"),
            P("{%p if not c.history %}", style="plain"),
            P('{{ c._("No vaccinations are known.") }}', style="plain"),
            P("{%p endif %}", style="plain"),
            P("{%p for item in c.history %}", style="plain"),
            P(
                "{{ loop.index }}. ",
                ("**", "{{ item.vaccine }}"),
                "{% if item.details %} — {{ item.details }}{% endif %}: {{ item.date }}; {{ item.source }}",
                style="plain",
            ),
            P("{%p endfor %}", style="plain"),
            P("{%p if c.occupation_note %}", style="plain"),
            P("{{ c.occupation_note }}", style="small"),
            P("{%p endif %}", style="plain"),
        ]
    ),
    Block(
        [
            P('{{ c._("Missing vaccinations") }}', style="heading"),
            P("{%p for vaccine in c.missing %}", style="plain"),
            P("{{ loop.index }}. {{ vaccine }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ]
    ),
    Block(
        [
            P(
                '{{ c._("Other vaccinations for the doctor to consider (outside the mandatory vaccinations of the calendar)") }}',
                style="heading",
            ),
            P("{%p for vaccine in c.other_vaccines %}", style="plain"),
            P("{{ loop.index }}. {{ vaccine }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].other_vaccines",
    ),
    text(
        'c._("Please examine the child, draw up an individual catch-up schedule under the Vaccination Calendar of Ukraine, approved by Order of the Ministry of Health of Ukraine No. 595 of 16 September 2011, and vaccinate the child if there are no contraindications.")'
    ),
    referrer_signature(),
    *consent("Consent to vaccination"),
    legal_basis(),
]

PSYCHOLOGICAL = [
    letterhead(),
    addressee(),
    heading("for psychological support and consent to the intervention"),
    text('c._("We refer the child named below for psychological support.")'),
    fields("About the child", "c.patient_rows"),
    representative(),
    fields("Referral details", "c.referral_rows"),
    Block(
        [
            P('{{ c._("Reason for the referral") }}', style="heading"),
            P("{%p for row in c.reason_rows %}", style="plain"),
            P(("*", "{{ row.label }}:"), " {{ row.value }}", style="plain"),
            P("{%p endfor %}", style="plain"),
            P("{%p if c.reason_details %}", style="plain"),
            P("{%p for paragraph in c.reason_details.paragraphs %}", style="plain"),
            P("{{ paragraph }}"),
            P("{%p endfor %}", style="plain"),
            P("{%p endif %}", style="plain"),
        ]
    ),
    note("c.no_declaration_note"),
    text(
        'c._("Please assess the child\'s psychological state, provide the support needed and inform the health-care facility that made the referral of the outcome, keeping it confidential.")'
    ),
    Block([P(("**", "{{ c.not_psychiatric_note }}"), style="plain")]),
    referrer_signature(),
    *consent("Consent to psychological intervention"),
    legal_basis(),
]

DOCUMENTS: dict[str, tuple[list[Block], str]] = {
    "medical.referral": (REFERRAL, "Направлення до закладу охорони здоров’я"),
    "medical.prenatal_care_referral": (
        PRENATAL,
        "Направлення вагітної для антенатального спостереження",
    ),
    "medical.catch_up_vaccination_referral": (
        VACCINATION,
        "Направлення на наздоганяючу вакцинацію",
    ),
    "medical.psychological_support_referral": (
        PSYCHOLOGICAL,
        "Направлення на психологічну допомогу та згода на втручання",
    ),
}
