"""Scrubbing of free text, keyed pseudonyms and recognition of personal-data columns."""
from __future__ import annotations

import hashlib
import hmac

import pytest

from pipeline.privacy import (is_business_id_column, is_valid_business_id, is_valid_personal_id,
                              personal_data_kind, pseudonym, scrub_text)


@pytest.mark.parametrize("text, expected", [
    ("Ota yhteyttä maija.meikalainen@yritys.fi kiitos", "Ota yhteyttä [email] kiitos"),
    ("puh. 040 123 4567", "puh. [phone]"),
    ("soita +358 40 1234567 tai 09-123 4567", "soita [phone] tai [phone]"),
    ("call +1 (555) 123-4567", "call [phone]"),
    ("numero 0401234567.", "numero [phone]."),
    ("Y-tunnus 0112038-9 on oikea", "Y-tunnus [business_id] on oikea"),
    ("VAT FI01120389", "VAT [business_id]"),
    ("hetu 131052-308T", "hetu [personal_id]"),
    ("palvelin 192.168.10.1 kaatui", "palvelin [ip] kaatui"),
    ("ipv6 2001:db8::1 ok", "ipv6 [ip] ok"),
])
def test_scrub_text_replaces_personal_data(text, expected):
    assert scrub_text(text) == expected


@pytest.mark.parametrize("text", [
    "Y-tunnus 0112038-8 on väärä",          # wrong check digit: not a business ID
    "hetu 131052-308A",                      # wrong check character
    "hetu 310252-308T",                      # 31 February does not exist
    "vuonna 2021 kasvu 15 %, 3-5 henkeä",    # years, percentages and bands stay
    "kello 12:30:45",                        # a time is not an IPv6 address
    "Kokkola 67100",                         # a postcode is not a phone
])
def test_scrub_text_leaves_lookalikes(text):
    assert scrub_text(text) == text


def test_validators():
    assert is_valid_business_id("0112038-9") and is_valid_business_id("FI01120389")
    assert not is_valid_business_id("0112038-8")
    assert is_valid_personal_id("131052-308T") and not is_valid_personal_id("131052-308U")


def test_pseudonym_is_keyed_hmac_sha256_prefix():
    expected = hmac.new(b"k", "maija@example.fi".encode(), hashlib.sha256).hexdigest()[:16]
    assert pseudonym("maija@example.fi", b"k") == expected
    assert pseudonym("maija@example.fi", b"other") != expected
    assert pseudonym("maija@example.fi", b"k") != hashlib.sha256(b"maija@example.fi").hexdigest()[:16]


@pytest.mark.parametrize("header, kind", [
    ("Email", "email"), ("Sähköpostiosoite", "email"), ("Email Address", "email"), ("RespondentEmail", "email"),
    ("Name", "name"), ("Nimi:", "name"), ("Etunimi", "name"), ("First Name", "name"),
    ("Puhelinnumero", "phone"), ("Phone", "phone"), ("IPAddress", "ip"), ("ipaddr", "ip"), ("IP Address", "ip"),
    ("LocationLatitude", "location"), ("LocationLongitude", "location"), ("token", "token"),
    ("RecipientLastName", "recipient"), ("ExternalReference", "external_reference"),
    ("Henkilötunnus", "personal_id"),
    # who collected a field survey's answer (a KoboToolbox "Collector" column held the collector's name)
    ("Collector", "name"), ("enumerator_name", "name"), ("Haastattelija", "name"),
])
def test_personal_data_columns(header, kind):
    assert personal_data_kind(header) == kind


@pytest.mark.parametrize("header", ["Kunta", "What is your name for this product category?",
                                    "Location (Census Region)", "Mitä muuta tarvitsette?", "Toimiala",
                                    "Collector ID", "Which collector did you use?"])
def test_question_headers_are_not_personal(header):
    assert personal_data_kind(header) is None


def test_business_id_columns():
    assert is_business_id_column("Y-tunnus") and is_business_id_column("FO-nummer:")
    assert not is_business_id_column("Yrityksen koko")


def test_place_names_that_read_like_a_family_name_before_a_given_name_are_kept():
    # "West Virginia", "North Dakota": West and North are family names and Virginia and Dakota given names, but
    # a compass word or place prefix before a given name is a place (SurveyMonkey option "… - West Virginia");
    # a person's name in either order is still scrubbed
    from pipeline.privacy import scrub_names
    assert scrub_names("Which states? - West Virginia, North Dakota, South Carolina") == \
        "Which states? - West Virginia, North Dakota, South Carolina"
    assert scrub_names("Korhonen Kaisa") == "[name]"
    assert scrub_names("Contact Kaisa West") == "Contact [name]"


@pytest.mark.parametrize("text, scrubbed", [
    ("How did you hear about Black Friday sales?", "How did you hear about Black Friday sales?"),  # Frida + y
    ("Kiitos Kaisa Korhoselle ja Matti Virtasen tiimille", "Kiitos [name] ja [name] tiimille"),
    ("Annas Andersson", "[name]"),
])
def test_only_real_case_endings_make_a_word_a_name(text, scrubbed):
    assert scrub_text(text) == scrubbed


@pytest.mark.parametrize("text, scrubbed", [
    ("Ottakaa yhteyttä: pekka at example.fi", "Ottakaa yhteyttä: [email]"),
    ("p.virtanen at yritys.fi", "[email]"),
    ("info2 at firma.se", "[email]"),
    ("look at hs.fi for the news", "look at hs.fi for the news"),
    ("meet at example.com for info", "meet at example.com for info"),
])
def test_a_bare_at_before_a_domain_is_an_address_when_a_mailbox_stands_before_it(text, scrubbed):
    assert scrub_text(text) == scrubbed
