#!/usr/bin/python3
"""Edits a Word file in LibreOffice Writer as a counterparty would, and saves it as .docx.

Run with Debian's /usr/bin/python3 (the only one that sees python3-uno):

    /usr/bin/python3 tests/tools/libreoffice_edit.py JOB.json

JOB.json names the input and output files and the edits, in order:

    {"input": "round-1.docx", "output": "reply.docx", "author": "Jane Counsel",
     "record": true,
     "edits": [
       {"op": "replace", "find": "99.9 %", "with": "99.5 %"},
       {"op": "insert_before", "find": "restore the Service", "text": "use reasonable efforts to "},
       {"op": "delete_clause", "heading": "Maintenance"},
       {"op": "add_paragraph", "after": "last words of a paragraph", "text": "A new paragraph."},
       {"op": "add_clause", "after": "words of the clause before", "heading": "Security",
        "text": "The Provider shall keep the Service secure."},
       {"op": "comment", "find": "99.5 %", "text": "We measure monthly."}
     ]}

{"jobs": [JOB, …]} edits several files in one LibreOffice. "record" turns Track Changes on
(the default); "find" is the first match, case-sensitive, in
the body, tables included. LibreOffice runs with its own profile folder and pipe, in its own
process group, and is ended by that group's id whatever happens; every wait is bounded.
An edit whose text is not found fails the run (exit 2) naming it, writing nothing.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.lang import DisposedException
from com.sun.star.util import DateTime

CONNECT_SECONDS = 60
WHOLE_RUN_SECONDS = 150


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class EditFailed(Exception):
    pass


def start_office(profile):
    pipe = "sla-edit-%d-%d" % (os.getpid(), int(time.time() * 1000))
    office = subprocess.Popen(
        [
            "soffice",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return office, pipe


def connect(pipe, office):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if office.poll() is not None:
                raise EditFailed("LibreOffice exited (status %s) before it accepted a connection" % office.returncode)
            if time.monotonic() > deadline:
                raise EditFailed("LibreOffice did not accept a connection within %d s" % CONNECT_SECONDS)
            time.sleep(0.25)


def set_user_name(ctx, author):
    """Track Changes and comments carry the profile's user name."""
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = author.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def paragraphs(text):
    """The paragraphs of a text in order, a table's cells' paragraphs included."""
    parts = text.createEnumeration()
    while parts.hasMoreElements():
        part = parts.nextElement()
        if part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                yield from paragraphs(part.getCellByName(name).getText())
        else:
            yield part


def find(doc, words):
    """A cursor over the first occurrence of `words` within one paragraph. (Writer's search
    needs a view, which a document opened without one has not.)"""
    for paragraph in paragraphs(doc.getText()):
        at = paragraph.getString().find(words)
        if at >= 0:
            cursor = paragraph.getText().createTextCursorByRange(paragraph.getStart())
            cursor.goRight(at, False)
            cursor.goRight(len(words), True)
            return cursor
    raise EditFailed("not found in the document: %r" % words)


def is_heading(cursor):
    return cursor.ParaStyleName in ("Heading 1", "Heading 2")


def delete_clause(doc, heading):
    """The clause's heading and every paragraph up to the next heading deleted, as a user
    selecting from the end of the paragraph before it to the end of its last paragraph and
    pressing Delete (so that the next heading keeps its style)."""
    found = find(doc, heading)
    text = found.getText()
    cursor = text.createTextCursorByRange(found.getStart())
    cursor.gotoStartOfParagraph(False)
    cursor.goLeft(1, False)
    cursor.gotoNextParagraph(True)  # the heading itself
    while cursor.gotoNextParagraph(True):
        probe = text.createTextCursorByRange(cursor.getEnd())
        if is_heading(probe):
            cursor.goLeft(1, True)
            break
    else:
        cursor.gotoEnd(True)
    cursor.setString("")


def add_paragraph(doc, after, words):
    found = find(doc, after)
    text = found.getText()
    cursor = text.createTextCursorByRange(found.getEnd())
    cursor.gotoEndOfParagraph(False)
    breaks = uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK")
    text.insertControlCharacter(cursor, breaks, False)
    text.insertString(cursor, words, False)


def add_clause(doc, after, heading, words):
    """A new clause after the paragraph holding `after`: a heading in the style of the
    clause headings (Heading 2), then its text in the style of the paragraph it follows."""
    found = find(doc, after)
    text = found.getText()
    cursor = text.createTextCursorByRange(found.getEnd())
    body_style = cursor.ParaStyleName
    cursor.gotoEndOfParagraph(False)
    breaks = uno.getConstantByName("com.sun.star.text.ControlCharacter.PARAGRAPH_BREAK")
    text.insertControlCharacter(cursor, breaks, False)
    cursor.ParaStyleName = "Heading 2"
    text.insertString(cursor, heading, False)
    text.insertControlCharacter(cursor, breaks, False)
    cursor.ParaStyleName = body_style
    text.insertString(cursor, words, False)


def comment(doc, on, words, author):
    found = find(doc, on)
    note = doc.createInstance("com.sun.star.text.textfield.Annotation")
    note.Author = author
    note.Content = words
    now = time.gmtime()
    stamp = DateTime()
    stamp.Year, stamp.Month, stamp.Day = now.tm_year, now.tm_mon, now.tm_mday
    stamp.Hours, stamp.Minutes, stamp.Seconds = now.tm_hour, now.tm_min, now.tm_sec
    note.DateTimeValue = stamp
    found.getText().insertTextContent(found, note, True)


def edit(doc, step, author):
    op = step["op"]
    if op == "replace":
        find(doc, step["find"]).setString(step["with"])
    elif op == "insert_before":
        found = find(doc, step["find"])
        found.getText().insertString(found.getStart(), step["text"], False)
    elif op == "insert_after":
        found = find(doc, step["find"])
        found.getText().insertString(found.getEnd(), step["text"], False)
    elif op == "delete_clause":
        delete_clause(doc, step["heading"])
    elif op == "add_paragraph":
        add_paragraph(doc, step["after"], step["text"])
    elif op == "add_clause":
        add_clause(doc, step["after"], step["heading"], step["text"])
    elif op == "comment":
        comment(doc, step["find"], step["text"], author)
    else:
        raise EditFailed("unknown edit %r" % op)


def edit_one(ctx, work, job):
    """One file: opened, edited and saved."""
    author = job.get("author", "Jane Counsel")
    set_user_name(ctx, author)
    copy = os.path.join(work, "input.docx")
    shutil.copyfile(job["input"], copy)
    # Writer's document model with its Word import and export filters, without a view:
    # the view of Debian's libreoffice-writer-nogui crashes when it lays out a comment.
    doc = ctx.ServiceManager.createInstanceWithContext("com.sun.star.text.TextDocument", ctx)
    try:
        doc.load((prop("URL", uno.systemPathToFileUrl(copy)), prop("FilterName", "MS Word 2007 XML")))
    except Exception as error:
        raise EditFailed("LibreOffice could not open %s: %s" % (job["input"], error))
    doc.RecordChanges = bool(job.get("record", True))
    for step in job.get("edits", []):
        edit(doc, step, author)
    saved = os.path.join(work, "output.docx")
    doc.storeToURL(uno.systemPathToFileUrl(saved), (prop("FilterName", "MS Word 2007 XML"),))
    doc.close(True)
    shutil.move(saved, job["output"])


def run(jobs):
    # LibreOffice works on copies in a folder of its own: its lock files are left nowhere else.
    work = tempfile.mkdtemp(prefix="sla-lo-")
    office, pipe = start_office(os.path.join(work, "profile"))
    try:
        ctx = connect(pipe, office)
        for job in jobs:
            edit_one(ctx, work, job)
    finally:
        # Whatever happened, LibreOffice and its children end with their process group.
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def out_of_time(_signal, _frame):
    raise EditFailed("the edits took longer than they may")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    signal.signal(signal.SIGALRM, out_of_time)
    jobs = job["jobs"] if "jobs" in job else [job]
    signal.alarm(WHOLE_RUN_SECONDS + 5 * len(jobs))
    try:
        run(jobs)
    except EditFailed as failure:
        print("libreoffice_edit: %s" % failure, file=sys.stderr)
        return 2
    except DisposedException:
        print("libreoffice_edit: LibreOffice ended in the middle of the edit (it crashed)", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
