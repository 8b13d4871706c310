"""DOCX templates of the medical.* documents.

The blocks mirror the HTML templates; rows of label and value (`c.*_rows`) print as one
paragraph each, and the vaccination lists as numbered paragraphs.
"""

from __future__ import annotations

from scripts.docx_templates.layout import Block, P, signature_block


def letterhead() -> Block:
    """The referring organisation, as on its letterhead."""
    return Block(
        [
            P(("**", "{{ c.referrer.organisation.name }}"), style="plain"),
            P(
                "{% if c.referrer.organisation.address %}{{ c.referrer.organisation.address.line }}{% endif %}",
                style="small",
            ),
        ]
    )


def addressee(*, specialist: bool = False) -> Block:
    """The receiving facility, in the dative, top right (and the specialist or room)."""
    paragraphs = [
        P(("**", "{{ c.addressee.dative }}"), style="addressee"),
        P(
            "{% if c.addressee.address %}{{ c.addressee.address.line }}{% endif %}",
            style="addressee",
        ),
    ]
    if specialist:
        paragraphs.append(
            P(("*", "{% if c.specialist %}{{ c.specialist }}{% endif %}"), style="addressee")
        )
    return Block(paragraphs)


def heading(subtitle: str, *, e_referral: bool = False) -> Block:
    """Title, subtitle, date (and the e-referral number)."""
    number = (
        '{% if c.e_referral_number %}; {{ c._("e-referral No. %(number)s", number=c.e_referral_number) }}{% endif %}'
        if e_referral
        else ""
    )
    return Block(
        [
            P('{{ c._("Referral")|upper }}', style="title"),
            P('{{ c._("' + subtitle + '") }}', style="subtitle"),
            P(
                '{{ c._("dated %(date)s", date=c.referral_date.long) }}' + number,
                style="procedure",
            ),
        ]
    )


def text(expression: str, condition: str | None = None) -> Block:
    """One paragraph of body text."""
    return Block([P("{{ " + expression + " }}")], condition=condition)


def fields(title: str, rows: str, condition: str | None = None) -> Block:
    """A titled section of label: value paragraphs."""
    return Block(
        [
            P('{{ c._("' + title + '") }}', style="heading"),
            P("{%p for row in " + rows + " %}", style="plain"),
            P(("*", "{{ row.label }}:"), " {{ row.value }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ],
        condition=condition,
    )


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
    """The consent: statement, basis, signature; the representative's acknowledgement."""
    acknowledgement = signature_block(
        "c.referral_date.long",
        "c.consent.acknowledgement.signature",
        'c._("signature (acknowledgement)")',
    )
    signature = signature_block(
        "c.referral_date.long",
        "c.consent.signature",
        'c._("signature (consent)")',
    )
    return [
        Block(
            [
                P('{{ c._("' + title + '")|upper }}', style="title"),
                P("{{ c.consent.statement }}"),
                P(("*", "{{ c.consent.basis }}"), style="plain"),
                *signature.paragraphs,
            ]
        ),
        Block(
            [P("{{ c.consent.acknowledgement.text }}"), *acknowledgement.paragraphs],
            condition="langs[0].consent.acknowledgement",
        ),
    ]


REFERRAL = [
    letterhead(),
    addressee(),
    heading("to a health-care facility", e_referral=True),
    text("c.statement"),
    fields("About the child", "c.patient_rows"),
    fields("Legal representative", "c.representative_rows", "langs[0].representative"),
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
    Block(
        [
            P(
                '{% if c.minor %}{{ c._("Legal representative of the patient, a minor") }}{% else %}{{ c._("Legal representative") }}{% endif %}',
                style="heading",
            ),
            P("{%p for row in c.representative_rows %}", style="plain"),
            P(("*", "{{ row.label }}:"), " {{ row.value }}", style="plain"),
            P("{%p endfor %}", style="plain"),
        ],
        condition="langs[0].representative",
    ),
    fields("Pregnancy", "c.pregnancy_rows"),
    free_text("Known history", "c.known_history", "langs[0].known_history"),
    note("c.denied_care_note"),
    text(
        'c._("Please register the patient for antenatal care, carry out the examinations the standard requires and inform the referring facility of the results.")'
    ),
    referrer_signature(),
    legal_basis(),
]

VACCINATION = [
    letterhead(),
    addressee(specialist=True),
    heading("for catch-up vaccination"),
    text(
        'c._("We refer the child named below for catch-up vaccination: the child\'s vaccinations are incomplete or not confirmed by Ukrainian medical records.")'
    ),
    fields("About the child", "c.patient_rows"),
    fields("Legal representative", "c.representative_rows", "langs[0].representative"),
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
    text(
        'c._("Please examine the child, draw up an individual catch-up schedule under the vaccination calendar and vaccinate the child if there are no contraindications.")'
    ),
    referrer_signature(),
    *consent("Consent to vaccination"),
    legal_basis(),
]

PSYCHOLOGICAL = [
    letterhead(),
    addressee(),
    heading("for psychological support and consent to the intervention", e_referral=True),
    text('c._("We refer the child named below for psychological support.")'),
    fields("About the child", "c.patient_rows"),
    fields("Legal representative", "c.representative_rows", "langs[0].representative"),
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
        'c._("Please assess the child\'s condition, provide the psychological support needed and inform the referring facility of the outcome, keeping it confidential.")'
    ),
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
