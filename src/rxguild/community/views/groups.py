from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from rxguild.accounts.viewer import signed_in_member
from rxguild.community.forms import GroupForm, ReplyForm, ReportForm, TopicForm
from rxguild.community.models import Post, Reaction
from rxguild.community.selectors import groups as group_selectors
from rxguild.community.selectors.connections import display_name
from rxguild.community.selectors.events import upcoming_events
from rxguild.community.selectors.group_cards import group_cards
from rxguild.community.selectors.member_search import member_resolve
from rxguild.community.services import discussions, groups
from rxguild.community.services.moderation import report_create
from rxguild.community.views.common import back_to, page_number
from rxguild.core.forms import form_add_service_errors, service_error_text
from rxguild.core.markdown import render_markdown


@login_required
def home(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request.user)
    page = group_selectors.feed_for(member, page_number(request))
    topics = list(page.object_list)
    return render(
        request,
        "community/home.html",
        {
            "page": page,
            "topics": topics,
            "my_groups": group_selectors.groups_visible_to(request.user).filter(
                memberships__user=member, memberships__status="active"
            )[:20],
            "events": upcoming_events(request.user)[:5],
            "share_form": TopicForm(initial={"kind": Post.Kind.ARTICLE}),
        },
    )


def group_list(request: HttpRequest) -> HttpResponse:
    return render(request, "community/group_list.html", {"cards": group_cards(request.user)})


@login_required
def group_create(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = groups.group_create(
                actor=signed_in_member(request.user), data=form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, f"Group “{group.name}” created. You are its owner.")
            return redirect("community:group_detail", slug=group.slug)
    return render(
        request,
        "community/group_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    page = None
    if access.can_read:
        page = group_selectors.group_topics(request.user, access, page_number(request))
    form = TopicForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form.is_valid():
            try:
                post = discussions.post_create(
                    actor=signed_in_member(request.user), group=access.group, **form.cleaned_data
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Posted.")
                return redirect("community:post_detail", post_id=post.pk)
    return render(
        request,
        "community/group_detail.html",
        {
            "access": access,
            "group": access.group,
            "description_html": render_markdown(access.group.description),
            "page": page,
            "form": form,
            "events": upcoming_events(request.user).filter(group=access.group)[:5]
            if access.can_read
            else [],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def group_membership(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    access = group_selectors.group_get_for_viewer(request.user, slug)
    try:
        if action == "join":
            groups.group_join(actor=signed_in_member(request.user), group=access.group)
            messages.success(request, f"Welcome to {access.group.name}.")
        elif action == "leave":
            groups.group_leave(actor=signed_in_member(request.user), group=access.group)
            messages.success(request, f"You left {access.group.name}.")
        elif action == "invite":
            invitee, problem = member_resolve(
                viewer=signed_in_member(request.user),
                text=request.POST.get("handle", "").strip() or request.POST.get("member", ""),
            )
            if invitee is None:
                raise ValidationError(problem)
            groups.group_invite(
                actor=signed_in_member(request.user), group=access.group, invitee=invitee
            )
            messages.success(request, f"Invitation sent to {display_name(invitee)}.")
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect(back_to(request, reverse("community:group_detail", args=[slug])))


@login_required
def share(request: HttpRequest) -> HttpResponse:
    """A post or article on the member's own profile ("share what you learn")."""
    form = TopicForm(request.POST or None, initial={"kind": Post.Kind.ARTICLE})
    if request.method == "POST" and form.is_valid():
        try:
            post = discussions.post_create(
                actor=signed_in_member(request.user), group=None, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Shared on your profile.")
            return redirect("community:post_detail", post_id=post.pk)
    return render(
        request,
        "community/share.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    if access.post.parent_id is not None:
        return redirect(
            reverse("community:post_detail", args=[access.post.parent_id]) + f"#post-{post_id}"
        )
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if form.is_valid():
            try:
                reply = discussions.reply_create(
                    actor=signed_in_member(request.user),
                    topic_id=post_id,
                    body=form.cleaned_data["body"],
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Reply posted.")
                return redirect(
                    reverse("community:post_detail", args=[post_id]) + f"#post-{reply.pk}"
                )
    replies = group_selectors.topic_replies(request.user, access)
    counts = group_selectors.reaction_counts([access.post.pk] + [r.pk for r in replies])
    topic = access.post
    entries = [
        {"post": p, "html": render_markdown(p.body), "reactions": counts.get(p.pk, {})}
        for p in [topic, *replies]
    ]
    return render(
        request,
        "community/post_detail.html",
        {
            "access": access,
            "topic": topic,
            "entries": entries,
            "form": form,
            "is_asker": request.user.is_authenticated and topic.author_id == request.user.pk,
            "reaction_kinds": Reaction.Kind.choices,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def post_action(request: HttpRequest, post_id: int, action: str) -> HttpResponse:
    topic_url = reverse("community:post_detail", args=[post_id])
    try:
        if action == "accept":
            topic = discussions.answer_accept(
                actor=signed_in_member(request.user), reply_id=post_id
            )
            messages.success(request, "Answer accepted.")
            topic_url = reverse("community:post_detail", args=[topic.pk])
        elif action == "pin":
            discussions.post_pin(actor=signed_in_member(request.user), post_id=post_id, pinned=True)
            messages.success(request, "Pinned to the top of the group.")
        elif action == "unpin":
            discussions.post_pin(
                actor=signed_in_member(request.user), post_id=post_id, pinned=False
            )
            messages.success(request, "Unpinned.")
        elif action == "react":
            discussions.reaction_toggle(
                actor=signed_in_member(request.user),
                post_id=post_id,
                kind=request.POST.get("kind", ""),
            )
    except ValidationError as error:
        messages.error(request, service_error_text(error))
    return redirect(back_to(request, topic_url))


@login_required
def post_report(request: HttpRequest, post_id: int) -> HttpResponse:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                reporter=signed_in_member(request.user), post_id=access.post.pk, **form.cleaned_data
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. A moderator will look at your report.")
            return redirect(
                "community:post_detail", post_id=access.post.parent_id or access.post.pk
            )
    subject = f"the post “{access.post.title}”" if access.post.title else "this reply"
    return render(
        request,
        "community/report.html",
        {"form": form, "subject": subject},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "").strip()[:100]
    results = list(group_selectors.post_search(request.user, text)) if len(text) >= 2 else []
    groups_found = (
        group_selectors.groups_visible_to(request.user).filter(name__icontains=text)[:20]
        if len(text) >= 2
        else []
    )
    return render(
        request,
        "community/search.html",
        {"q": text, "results": results, "groups": groups_found},
    )


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    access = group_selectors.post_get_for_viewer(request.user, post_id)
    post = access.post
    if post.author_id != request.user.pk:
        raise PermissionDenied("Only the author can edit a post.")
    form_class = TopicForm if post.is_topic else ReplyForm
    initial = {"title": post.title, "body": post.body, "kind": post.kind}
    form = form_class(request.POST or None, initial=initial)
    if post.is_topic:
        form.fields["kind"].disabled = True  # the kind of a topic is fixed once posted
    if request.method == "POST" and form.is_valid():
        try:
            discussions.post_edit(
                actor=signed_in_member(request.user),
                post=post,
                title=form.cleaned_data.get("title"),
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, "Saved.")
            topic_id = post.parent_id or post.pk
            return redirect(reverse("community:post_detail", args=[topic_id]) + f"#post-{post.pk}")
    return render(
        request,
        "community/post_edit.html",
        {"form": form, "post": post},
        status=400 if request.method == "POST" else 200,
    )
