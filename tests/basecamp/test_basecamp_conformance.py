"""Every documented response example of a resource the client models parses into its model."""

from __future__ import annotations

import csv
import json

import pytest
from basecamp_helpers import EXAMPLES

from bot.basecamp import models
from bot.basecamp.errors import LimitReached, error_from_response

MODELLED = {
    "projects__get-all-projects.json": models.Project,
    "projects__get-a-project.json": models.Project,
    "templates__get-templates.json": models.Template,
    "templates__get-a-template.json": models.Template,
    "templates__create-a-project-construction.json": models.Construction,
    "templates__get-a-project-construction.json": models.Construction,
    "message_boards__get-message-board.json": models.MessageBoard,
    "messages__get-messages.json": models.Message,
    "messages__get-a-message.json": models.Message,
    "comments__get-comments.json": models.Comment,
    "comments__get-a-comment.json": models.Comment,
    "events__get-events.json": models.Event,
    "people__get-all-people.json": models.Person,
    "people__get-person.json": models.Person,
    "people__update-who-can-access-a-project.json": models.AccessChange,
    "schedules__get-schedule.json": models.Schedule,
    "schedule_entries__get-schedule-entries.json": models.ScheduleEntry,
    "schedule_entries__get-a-schedule-entry.json": models.ScheduleEntry,
    "boosts__get-boosts.json": models.Boost,
    "boosts__get-boosts-event-boosts.json": models.Boost,
    "boosts__get-a-boost.json": models.Boost,
    "campfires__get-campfires.json": models.Campfire,
    "campfires__get-a-campfire.json": models.Campfire,
    "campfires__get-campfire-lines.json": models.CampfireLine,
    "campfires__get-a-campfire-line.json": models.CampfireLine,
    "campfires__create-a-campfire-line-plain-text.json": models.CampfireLine,
    "campfires__create-a-campfire-line-rich-text.json": models.CampfireLine,
    "campfires__get-campfire-uploads.json": models.CampfireLine,
    "campfires__upload-a-file-to-a-campfire.json": models.CampfireLine,
    "questionnaires__get-questionnaire.json": models.Questionnaire,
    "questions__get-questions.json": models.Question,
    "questions__get-a-question.json": models.Question,
    "question_answers__get-question-answers.json": models.QuestionAnswer,
    "question_answers__get-a-question-answer.json": models.QuestionAnswer,
    "webhooks__get-webhooks.json": models.Webhook,
    "webhooks__get-a-webhook.json": models.Webhook,
    "authentication__get-authorization.json": models.Authorization,
    "authentication__exchange-code-for-token.json": models.TokenGrant,
    "authentication__refresh-access-token.json": models.TokenGrant,
    "rich_text__mention-person-fragment.json": models.Person,
}

# Response examples deliberately left without a model, and why.
NOT_MODELLED = {
    "projects__create-a-project-507-error.json": "error body: mapped by error_from_response",
    "templates__create-a-template-507-error.json": "error body: mapped by error_from_response",
    "message_types__get-message-types.json": "the bot does not use message types",
    "message_types__get-a-message-type.json": "the bot does not use message types",
    "people__get-my-preferences.json": "the bot never reads or changes preferences",
    "chatbots__get-chatbots.json": "the bot posts through OAuth, not as a chatbot",
    "chatbots__get-a-chatbot.json": "the bot posts through OAuth, not as a chatbot",
    "subscriptions__get-subscription.json": "the bot does not manage subscriptions",
    "subscriptions__update-subscription.json": "the bot does not manage subscriptions",
    "rich_text__attachment-sgid-fragment.json": "the bot uploads no files",
    "README__parent-object.json": "illustrative fragment with '...' URLs; parents are "
                                  "modelled as RecordingRef inside each recording",
}


def response_examples() -> list[str]:
    with (EXAMPLES / "INDEX.tsv").open() as handle:
        return [row["file"] for row in csv.DictReader(handle, delimiter="\t")
                if row["body"] == "response"]


def test_every_response_example_is_either_modelled_or_listed_with_a_reason():
    files = set(response_examples())
    assert files == set(MODELLED) | set(NOT_MODELLED)
    assert not set(MODELLED) & set(NOT_MODELLED)


@pytest.mark.parametrize("name", sorted(MODELLED))
def test_example_parses_into_its_model(name):
    data = json.loads((EXAMPLES / name).read_text())
    model = MODELLED[name]
    items = data if isinstance(data, list) else [data]
    parsed = [model.model_validate(item) for item in items]
    for item, obj in zip(items, parsed, strict=True):
        if "id" in item:
            assert obj.id == item["id"]


def test_people_with_null_email_title_and_bio_parse():
    events = json.loads((EXAMPLES / "events__get-events.json").read_text())
    raw = next(e["creator"] for e in events if e["creator"]["email_address"] is None)
    creator = models.Person.model_validate(raw)
    assert (creator.email_address, creator.title, creator.bio, creator.company) == (
        None, None, None, None)


def test_disabled_dock_tools_with_null_position_parse():
    project = models.Project.model_validate(
        json.loads((EXAMPLES / "projects__get-a-project.json").read_text()))
    disabled = [t for t in project.dock if not t.enabled]
    assert disabled and all(t.position is None for t in disabled)


def test_question_schedule_allows_null_intervals():
    question = models.Question.model_validate(
        json.loads((EXAMPLES / "questions__get-a-question.json").read_text()))
    assert question.schedule is not None and question.schedule.week_instance is None


@pytest.mark.parametrize("name", ["projects__create-a-project-507-error.json",
                                  "templates__create-a-template-507-error.json"])
def test_507_error_examples_map_to_limit_reached_with_their_message(name):
    body = (EXAMPLES / name).read_bytes()
    err = error_from_response(507, body, {}, "https://bc.test/1/projects.json", method="POST")
    assert isinstance(err, LimitReached)
    assert json.loads(body)["error"] in str(err)
