# Peer Map: interface strings, British English.
#
# Message ids are kebab-case and grouped by screen. Keep the same ids in every
# locale (see ../README.md). Variables are shown as { $name }.
# Dates are passed in already formatted for the reader (e.g. "3 March 2025"),
# so translators never need DATETIME().

## App

app-name = Peer Map
app-tagline = A map of the people in your life, drawn together.

## Shared buttons

button-continue = Continue
button-cancel = Cancel
button-back = Back
button-save = Save
button-close = Close

## First run: create a vault

welcome-title = Welcome to Peer Map
welcome-intro =
    Everything you make here is kept encrypted on this computer and nowhere else.
    Nobody can get back a forgotten passphrase, not even us, so choose one you will remember.
welcome-create-heading = Create your vault
welcome-create-button = Create vault
passphrase-label = Passphrase
passphrase-hint = A few unrelated words are easier to remember and harder to guess than one word with symbols.
passphrase-confirm-label = Type the passphrase again
passphrase-mismatch = The two passphrases are different. Please type them again.
passphrase-show = Show passphrase
passphrase-hide = Hide passphrase
welcome-creating = Setting up your vault…

## Passphrase strength

strength-too-short = Too short. Keep going: use at least { $min } characters.
strength-weak = Weak. This would be easy to guess. Try adding more words.
strength-okay = Okay. A couple more words would make it stronger.
strength-strong = Strong. This is a good passphrase.

## Unlock

unlock-title = Unlock Peer Map
unlock-label = Passphrase
unlock-button = Unlock
unlock-working = Opening the vault…
unlock-wrong-passphrase = That passphrase didn't work. Check whether caps lock is on, then have another go.
unlock-wait =
    { $seconds ->
        [one] Too many tries. Please wait { $seconds } second before trying again.
       *[other] Too many tries. Please wait { $seconds } seconds before trying again.
    }
unlock-forgotten = Forgotten your passphrase? It can't be recovered. You can start a new vault, but the maps in this one will stay locked.

## Lock

lock-button = Lock
lock-hide-now = Hide now
lock-hide-now-hint = Closes the map straight away and locks the vault.
lock-locked-message = Peer Map is locked.

## Map list

maps-title = Your maps
maps-empty = No maps yet. When you start one, it will appear here.
maps-new = New map
maps-last-session = Last session { $date }
maps-destroyed-in =
    { $days ->
        [0] Will be deleted today, { $date }
        [one] Will be deleted on { $date } (in { $days } day)
       *[other] Will be deleted on { $date } (in { $days } days)
    }
maps-draft = Draft: not yet agreed to keep
maps-open = Open

## New map

new-map-title = Start a new map
new-map-label-label = Map label
new-map-label-hint = Something you both agree on, like initials or a nickname. Please don't use a real name.
new-map-label-looks-like-name = This looks like it might be a real name. Could you use initials or a nickname instead?
new-map-purpose-label = What is this map for?
new-map-purpose-hint = A sentence in plain words, for example "To understand who J spends time with after school."
new-map-create = Create map

## Errors, keyed by the error code the app returns (error-<code>)

error-locked = The vault is locked. Please unlock it to carry on.
error-wrong-passphrase = That passphrase didn't work. Check whether caps lock is on, then have another go.
error-not-found = We couldn't find that map. It may have reached its deletion date.
error-invalid-input = Something in the form isn't quite right. Please check it and try again.
error-corrupt = This file is damaged and can't be opened. Your other maps are not affected.
error-too-new = This map was saved by a newer version of Peer Map. Please update the app to open it.
error-storage = Peer Map couldn't read or write its files. Check there is free space on this computer, then try again.
error-consent-required = This needs the young person's agreement first. Please go through the consent step.
error-internal = Something went wrong inside Peer Map. Your saved maps are safe. Please try again.
error-unknown = Something unexpected happened. Please try again.

## Map editor (drawing the map together)

editor-loading = Opening the map…
editor-back = End session
editor-session = Session of { $date }
save-saving = Saving…
save-saved = Saved
save-failed = Your changes aren't saved yet: { $reason } They're still here, so nothing is lost while this stays open.
save-retry = Try saving again
save-invalid = Something on the map can't be saved as it is. Please undo the last change and try again.
view-list = Show as a list
view-drawing = Show the drawing
panel-show = Practitioner panel
panel-hide = Hide practitioner panel
panel-label = Practitioner panel
tab-questions = Questions
tab-groups = Groups and places
tab-notes = Notes
tab-sessions = Sessions
tab-settings = Rings and me

canvas-label = Peer map: { $label }
canvas-help = One stop for the whole map. Arrow keys go from person to person. Enter picks someone up; then left and right arrows move them round their ring, Page Up moves them closer, Page Down further away, Enter puts them down and Escape puts them back.
canvas-me = You, in the middle of the map
canvas-me-short = Me
canvas-empty = Nobody is on the map yet. Add someone with the button below the map.
canvas-choose-first = Use the arrow keys to choose someone first.
canvas-place = Place: { $place }
canvas-places-more =
    { $count ->
        [one] +1 more place
       *[other] +{ $count } more places
    }
where = { $ring }, at { $hour } o'clock
zoom-group = Zoom
zoom-in = Zoom in
zoom-out = Zoom out
zoom-fit = Fit

undo = Undo
redo = Redo
undo-what = Undo { $what }
redo-what = Redo { $what }
undo-group = Undo and redo
announce-undone = Undone: { $what }.
announce-redone = Done again: { $what }.
toast-dismiss = Dismiss

tray-label = People not on the map yet
tray-hint = Drag someone onto a ring, or tap them and then tap a ring.
tray-empty = Everyone is on the map.
tray-empty-start = Start by adding someone in your life.
tray-carry = { $name } is on the map in { $ring }. Left and right arrows move them round, Page Up and Page Down change ring, Enter puts them down, Escape takes them back.
map-tray-name = Not on the map yet

person-add-button-tray = Add someone
person-add-title = Add someone
person-edit-title = Change this person
person-add-button = Add
person-edit = Change
person-remove = Take off the map
person-to-tray = Put back below the map
person-colour = Colour
person-shape = Shape
person-initials = Initials (up to 3 letters)
person-initials-hint = Just letters, like "JT". No full names needed.
person-initials-cleaned = Initials can only be letters, up to three. This will show as "{ $initials }".
person-descriptor = Who are they to you?
person-descriptor-own = Or say it in your own words
person-kind = What kind of person?
person-private = Keep this person private
person-private-hint = Private people are never shared or exported. They show with a dashed outline.
person-looks-like-name = This looks like it might be someone's full name. Initials or a word like "cousin" work just as well, and keep things private.
person-too-many = This map has room for 300 people, and it's full.
person-preview = How they will look: { $look }
person-added = Added { $name }. Drag them onto a ring, or tap a ring to put them there.
person-changed = Changed { $name }.
person-removed = Took { $name } off the map.

picked = Picked { $name }. Tap a ring to move them there.
picked-hint = { $name } is picked. Tap a ring to move them, or drag them.
picked-tray-hint = { $name } is ready. Tap a ring to put them there, or drag them.
picked-up = Picked up { $name }. Left and right arrows move them round the ring. Page Up moves closer, Page Down further away. Enter puts them down, Escape puts them back.
put-down = Put { $name } down.
moved-to = { $name } is now in { $ring }, at { $hour } o'clock.
moved-to-ring = { $name } is now in { $ring }.
moved-to-tray = { $name } is back below the map.
move-cancelled = { $name } stayed where they were.
mode-done = Done
mode-draw = Drawing.

connect-button = Connect people
connect-start = Connecting: tap the first person.
connect-first = Now tap who { $name } knows.
connect-done = Joined { $a } and { $b }.
connect-exists = { $a } and { $b } are already joined.
link-selected = The line between { $a } and { $b }.
link-remove = Remove this line
link-removed = Removed the line between { $a } and { $b }.

group-start = Making a group: tap the people in it, then give it a name.
group-hint =
    { $count ->
        [0] Tap the people in this group.
        [one] 1 person in this group so far.
       *[other] { $count } people in this group so far.
    }
group-name = Group name
group-name-placeholder = like "football" or "school lot"
group-default-name = A group
group-save = Save group
group-saved = Saved the group { $name }.
group-joined = { $name } is in the group ({ $count }).
group-left = { $name } is out of the group ({ $count }).
group-new = Make a group
group-edit-members = Change who's in it
group-remove = Remove group
group-removed = Removed the group { $name }.
groups-title = Groups
groups-intro = People who hang out together, like a team or the lot from school.

places-title = Places
places-intro = Where time gets spent. Optional.
place-own = Another place
place-add = Add place
place-added = Added the place { $place }.
place-remove = Remove { $place }
place-idea-school = School
place-idea-home = Home
place-idea-park = Park
place-idea-online = Online
place-idea-town = Town centre
place-idea-club = Youth club

notes-title = Notes
notes-none = No notes yet.
note-by = Whose words?
note-by-young-person = The young person's own words
note-by-practitioner = Practitioner's note
note-text = Note
note-private = Private (never shared or exported)
note-private-tag = Private
note-add = Add note
note-added = Note added.
note-removed = Note removed.
note-remove = Remove note
note-edit-label = Note text
note-looks-like-name = This may include someone's full name. Initials are usually enough.

rings-title = Rings
rings-intro = Rename the rings in words that make sense to the young person.
ring-label = Ring { $n }
ring-label-empty = A ring needs a name, so the last one was kept.
ring-add = Add a ring
ring-remove = Remove the outer ring
ring-added = Added a ring.
ring-removed = Removed the outer ring. Anyone in it moved into the next ring in.
rings-limits = A map has between { $min } and { $max } rings.
me-title = Me, in the middle
me-initials = My initials (optional)

prompts-title = Questions
prompts-intro = Pick a question, ask it, then the young person taps the people who fit.
prompts-ask = Ask this
prompts-stop = Finish this question
prompts-up = Move up: { $question }
prompts-down = Move down: { $question }
prompts-hide = Hide: { $question }
prompts-hide-short = Hide
prompts-show-hidden =
    { $count ->
        [one] Show 1 hidden question
       *[other] Show { $count } hidden questions
    }
prompts-own = Your own question
prompts-own-add = Add question
prompt-custom-badge = Your own question
answer-start = Question: { $question } Tap the people who fit. Press Done when finished.
answer-hint = Tap the people who fit.
answer-added = { $name }: { $badge }, added.
answer-removed = { $name }: { $badge }, taken off.

prompt-group-closeness = Closeness
prompt-group-support = Support and advice
prompt-group-trust = Trust
prompt-group-stickup = Sticking up for each other
prompt-group-worries = Worries
prompt-group-group = The group as a whole
prompt-group-places = Places
prompt-group-others = How others would see it
prompt-group-custom = Your own questions

prompt-closeness-tell-first = If something really good happened, who would you tell first?
prompt-closeness-tell-first-badge = Would tell first
prompt-closeness-time = Who do you spend the most time with?
prompt-closeness-time-badge = Lots of time together
prompt-closeness-miss = Who would you miss most if you couldn't see them for a while?
prompt-closeness-miss-badge = Would miss them
prompt-support-listens = Who really listens when you talk?
prompt-support-listens-badge = Listens to me
prompt-support-advice = Who would you ask about something tricky?
prompt-support-advice-badge = Good advice
prompt-support-helps = Who helps with everyday things, like lifts, food or homework?
prompt-support-helps-badge = Helps me out
prompt-trust-private = Who could you trust with something private?
prompt-trust-private-badge = I trust them
prompt-trust-honest = Who is straight with you, even when it's hard to hear?
prompt-trust-honest-badge = Honest with me
prompt-stickup-for-me = Who sticks up for you?
prompt-stickup-for-me-badge = Sticks up for me
prompt-stickup-i-do = Who do you stick up for?
prompt-stickup-i-do-badge = I stick up for them
prompt-worries-uneasy = Are there times you feel uneasy or not quite yourself? Who tends to be around then?
prompt-worries-uneasy-badge = Around when I feel uneasy
prompt-worries-pressure = Are there times you feel pushed to do things you'd rather not? Who tends to be around then?
prompt-worries-pressure-badge = Around when I feel pushed
prompt-worries-make-better = If something was worrying you, who could help make it better?
prompt-worries-make-better-badge = Could help with a worry
prompt-group-fun = What do you enjoy doing together? Who joins in?
prompt-group-fun-badge = Joins in
prompt-group-decides = When you're all together, who usually decides what happens?
prompt-group-decides-badge = Often decides
prompt-group-new = Who is new in your life lately?
prompt-group-new-badge = New lately
prompt-places-safe = Think of a place where you feel safe and relaxed. Who is there with you?
prompt-places-safe-badge = There where I feel safe
prompt-places-online = Who do you mostly talk to online?
prompt-places-online-badge = Mostly online
prompt-others-carer = If your parent or carer drew this map, who would they put somewhere else?
prompt-others-carer-badge = Others might place differently
prompt-others-friend = Who would your best friend say is good for you?
prompt-others-friend-badge = Good for me, says a friend

sessions-title = Sessions
session-name = Session { $n }: { $date }
session-now = Today's
session-look = Look back
session-showing = Showing
session-back-button = Back to now
session-back-to-now = Back to the latest session.
session-looking-back = Looking back at { $date }. It can't be changed.
session-readonly = You're looking back at the map from { $date }. It can't be changed.
session-start = Start a new session
session-start-explain = This keeps the map as it is now and starts a new dated session from a copy of it, so you can see later how things have changed.
session-started = Started a new session on { $date }.
compare-title = Compare two sessions
compare-from = From
compare-to = To
compare-button = Compare
compare-result = What changed
compare-closer = Moved closer
compare-further = Moved further away
compare-arrived = New on the map
compare-left = No longer on the map
compare-in-out = Put on or taken off the map
compare-from-to = from { $from } to { $to }
compare-nothing = Nobody moved, arrived or left.
compare-same =
    { $count ->
        [one] 1 person stayed in the same ring.
       *[other] { $count } people stayed in the same ring.
    }

list-title = The map as a list
list-me = Me:
list-count =
    { $count ->
        [one] 1 person
       *[other] { $count } people
    }
list-nobody = Nobody here yet.
list-private = private
list-knows = Knows { $names }
list-groups = In { $names }
list-place = Put on the map
list-closer = Closer
list-further = Further
list-links = Who knows whom
list-no-links = No lines between people yet.
list-link = { $a } and { $b }
list-groups-title = Groups

action-load = opening the map
action-addToken = adding someone
action-moveToken = moving someone
action-placeToken = placing someone
action-parkToken = putting someone back
action-editToken = changing someone
action-removeToken = taking someone off
action-toggleBadge = an answer
action-addLink = joining two people
action-removeLink = removing a line
action-addGroup = making a group
action-editGroup = changing a group
action-removeGroup = removing a group
action-addPlace = adding a place
action-removePlace = removing a place
action-setRingLabel = renaming a ring
action-addRing = adding a ring
action-removeRing = removing a ring
action-addNote = adding a note
action-editNote = changing a note
action-removeNote = removing a note
action-setMe = changing how I look
hint-start = Start with "Add someone" below. There are no wrong answers.
hint-draw = Drag people to where they feel right, or tap someone and then tap a ring.

## Map list (more)

maps-open-label = Open the map { $label }
maps-damaged = This map's details can't be read. It can still be deleted.

## Settings

settings-button = Settings
settings-title = Settings
settings-back = Back to maps
settings-lock-heading = Automatic lock
settings-lock-label = Lock Peer Map when nobody has used it for
settings-lock-minutes =
    { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }
settings-saved = Saved.
settings-passphrase-heading = Change the passphrase
settings-passphrase-intro = The maps stay as they are; only the key that opens them gets the new passphrase.
settings-passphrase-current = Current passphrase
settings-passphrase-new = New passphrase
settings-passphrase-confirm = Type the new passphrase again
settings-passphrase-button = Change passphrase
settings-passphrase-working = Changing the passphrase…
settings-passphrase-done = Done. Use the new passphrase from now on.

## Start-up tidying (after unlock)

tidy-temp-files =
    { $count ->
        [one] Peer Map cleared away one unfinished save left from last time. Nothing you saved was lost.
       *[other] Peer Map cleared away { $count } unfinished saves left from last time. Nothing you saved was lost.
    }
tidy-orphans =
    { $count ->
        [one] One map file is not in the list of maps, so it cannot be opened now. Peer Map moved it to the "quarantine" folder inside the data folder. Nothing was deleted.
       *[other] { $count } map files are not in the list of maps, so they cannot be opened now. Peer Map moved them to the "quarantine" folder inside the data folder. Nothing was deleted.
    }
tidy-missing =
    { $count ->
        [one] One map's file is missing from the data folder. If you have a backup of the folder, restore it.
       *[other] { $count } maps' files are missing from the data folder. If you have a backup of the folder, restore it.
    }
tidy-retention-restored =
    { $count ->
        [one] Someone changed one map's destroy date outside Peer Map. Peer Map put back the date that was agreed. If that date has passed, the map was destroyed.
       *[other] Someone changed { $count } maps' destroy dates outside Peer Map. Peer Map put back the dates that were agreed. Any map whose date has passed was destroyed.
    }
tidy-destroyed-again =
    { $count ->
        [one] One map that had been destroyed came back, perhaps from a backup of the data folder. Peer Map destroyed it again.
       *[other] { $count } maps that had been destroyed came back, perhaps from a backup of the data folder. Peer Map destroyed them again.
    }
tidy-ledger-ignored =
    { $count ->
        [one] One line in Peer Map's list of destroyed maps could not be checked, so it was ignored. No map was destroyed because of it.
       *[other] { $count } lines in Peer Map's list of destroyed maps could not be checked, so they were ignored. No map was destroyed because of them.
    }
tidy-dismiss = OK

## Map editor: more things said out loud

ring-jump =
    { $ring }: { $count ->
        [one] 1 person.
       *[other] { $count } people.
    }
ring-jump-none-closer = Nobody is closer in than this.
ring-jump-none-further = Nobody is further out than this.
picked-dropped = { $name } is not picked any more.
person-form-closed = Closed the form without changes.
announce-list-shown = Showing the map as a list.
announce-drawing-shown = Showing the drawing.
announce-panel-shown = Practitioner panel open.
announce-panel-hidden = Practitioner panel hidden.
announce-zoom = Zoom { $percent }%.
canvas-help-rings = With nobody picked up, Page Up and Page Down go to the first person in the ring closer in or further out.
compare-summary = Compared the two sessions: { $moved } moved, { $arrived } new, { $left } no longer on the map.
note-private-on = The note is now private.
note-private-off = The note is no longer private.
place-removed = Removed the place { $place }.
group-renamed = The group is now called { $name }.
prompt-hidden = Hid the question card.
prompt-moved = Moved the question card.
prompt-added = Added your own question card.
prompts-shown = Showing all question cards again.

## Retention and destruction

maps-warn-month = Less than a month to go.
maps-warn-week = Less than a week to go.
delete-map = Delete
delete-map-label = Delete { $label }
delete-map-confirm-label = Confirm deleting { $label }
delete-map-warning = Delete this map for good? It cannot be undone, and no copy of it can be opened again.
delete-map-confirm = Delete for good
delete-all-title = Emergency: delete everything
delete-all-hint = Destroys every map in this vault at once. Use it only if the maps must not be kept on this computer.
delete-all = Delete everything…
delete-all-warning = Every map will be destroyed after a { $seconds }-second countdown. You can cancel until it ends.
delete-all-start = Start the countdown
delete-all-countdown =
    { $seconds ->
        [one] Deleting everything in 1 second.
       *[other] Deleting everything in { $seconds } seconds.
    }
delete-all-cancel = Cancel, keep my maps
delete-all-done =
    { $count ->
        [0] There were no maps to delete.
        [one] 1 map was destroyed.
       *[other] { $count } maps were destroyed.
    }

## Consent: before drawing, the end of a session, the map's page

maps-details = Consent and sharing
maps-details-label = Consent and sharing for { $label }
map-destroyed-notice = The map has been destroyed. Its key is gone, so no copy of it can be opened again.
drafts-title =
    { $count ->
        [one] 1 map is waiting for a decision
       *[other] { $count } maps are waiting for a decision
    }
drafts-explain = These were drawn but the young person hasn't said yet whether a copy should be kept. They delete themselves on the date shown. Finish the consent step with the young person, or delete them.
drafts-destroyed-on = deletes itself on { $date }
drafts-finish = Finish the consent step
drafts-finish-label = Finish the consent step for { $label }

explain-title = Before we start
explain-map = Map: { $label }
explain-young-heading = To read or say together
explain-young-about = This map is about the people in your life: who you spend time with, who you trust, who helps. You choose who goes on it and how they look. We don't use anyone's full name.
explain-young-private = What we talk about stays between us, with one exception: if I'm worried that you or someone else could be seriously hurt, I might have to tell someone whose job is to help keep people safe. If that happens, I'll try to talk to you about it first.
explain-young-kept = While we draw, the map is locked on this computer with a passphrase only I know. It isn't sent anywhere. Nobody else can open it.
explain-young-choice = At the end, you decide whether I keep a copy. If you say no, I'll delete it, and you can take your own copy away if you want one.
explain-practitioner-heading = For the practitioner
explain-practitioner-hint = Use your own words. Peer Map records that you explained these, not what was said.
explain-check-confidentiality = I have explained what stays private and when I might have to share something (the limits of confidentiality).
explain-check-storage = I have explained where the map is kept and who could see it.
explain-start = Start drawing
explain-back = Not now
explain-continue = Continue

keep-title = Shall I keep a copy of this map?
keep-map = Map: { $label }
keep-young-heading = It's your choice
keep-young-yes = If you say yes, I'll keep the map locked on this computer so we can look at it again next time. It will be deleted on { $date } unless we meet again before then.
keep-young-no = If you say no, you can take your own copy away, and I'll delete this one straight away.
keep-young-change = You can change your mind later: if you want me to delete a kept map, just tell me.
keep-decision = The young person's answer
keep-yes = Yes, keep a copy
keep-no = No, don't keep it
keep-needs-explained = Before a map can be kept, record that you explained what stays private and where the map is kept.
keep-go-explain = Record the explanation
keep-who = Who gave the answer?
keep-by-young-person = The young person
keep-by-parent-carer = A parent or carer
keep-by-reason = Why did a parent or carer answer instead of the young person?
keep-practitioner-heading = For the practitioner
keep-understanding = How did you check the young person understood? (optional)
keep-understanding-hint = For example: "Told it back in her own words." Don't write anything here that you wouldn't want the young person to read.
keep-basis = Your organisation's lawful basis for keeping it (optional)
keep-basis-hint = This is your organisation's decision and is recorded separately from the young person's answer. Ask your data protection lead if you're not sure.
keep-basis-none = Not recorded
keep-basis-public-task = Public task (UK GDPR Article 6(1)(e))
keep-basis-legitimate-interests = Legitimate interests (UK GDPR Article 6(1)(f))
keep-basis-consent = Consent (UK GDPR Article 6(1)(a))
keep-basis-legal-obligation = Legal obligation (UK GDPR Article 6(1)(c))
keep-basis-vital-interests = Vital interests (UK GDPR Article 6(1)(d))
keep-confirm = Confirm
keep-later = Decide later
keep-later-hint = If nobody decides, this draft deletes itself on { $date }.

own-copy-title = Your own copy
own-copy-offer = Before this map is deleted, would you like your own copy to take away? It is a PDF you can keep or print.
own-copy-warning = Keep it somewhere safe: anyone who finds the file can read it. It is not locked with a passphrase.
own-copy-save = Save a copy to take away…
own-copy-saved = Your copy has been saved.
own-copy-then-destroy = When you're ready, delete the map. Nothing of it will be kept on this computer.
own-copy-back = Go back
own-copy-destroy = Delete the map now

record-back = Back to maps
record-sessions =
    { $count ->
        [one] 1 session, on { $date }
       *[other] { $count } sessions, the latest on { $date }
    }
record-status-draft = Not yet agreed to keep
record-status-kept = Kept with agreement
record-draw = Open the drawing
record-agreement = What was agreed
record-explained = Explained before drawing
record-explained-on = Yes, on { $date }
record-not-yet = Not yet
record-keep = Keep a copy
record-keep-yes = Agreed on { $date } by { $who }
record-keep-undecided = Not decided yet
record-keep-reason = Why: { $reason }
record-by-young-person = the young person
record-by-parent-carer = a parent or carer
record-understanding = Understanding
record-lawful-basis = Lawful basis
record-not-recorded = Not recorded
record-finish-consent = Finish the consent step
record-withdraw-keep = The young person no longer wants it kept…
record-withdraw-keep-warning = This withdraws every share and destroys the map now. It cannot be undone.
record-withdraw-keep-confirm = Withdraw and destroy the map
record-shares = Who it may be shared with
record-shares-hint = Each share is something the young person agreed to: one recipient, for one purpose. They can take it back at any time.
record-no-shares = No shares agreed.
share-agreed-on = Agreed { $date }
share-ends-on = ends { $date }
share-has-key = has a public key
share-exports =
    { $count ->
        [0] nothing exported yet
        [one] exported once
       *[other] exported { $count } times
    }
share-status-active = Agreed
share-status-expired = Ended
share-status-withdrawn = Withdrawn
share-withdraw = Withdraw
share-withdraw-label = Withdraw the share with the { $role }
share-withdraw-warning = Nothing more can be sent to this recipient once the share is withdrawn.
share-withdraw-confirm = Withdraw the share
share-withdrawn-done = The share has been withdrawn.
share-withdrawn-none = Nothing had been sent to { $share }, so there is nothing to ask them to delete.
share-withdrawn-some =
    { $count ->
        [one] A copy was already sent to { $share }. Ask them to delete it. It was sent on:
       *[other] { $count } copies were already sent to { $share }. Ask them to delete them. They were sent on:
    }
share-add = Add a share the young person agreed to…
share-add-title = A new share
share-add-hint = Only add a share the young person has agreed to, today, with you.
share-role = Their role
share-role-hint = For example "Social worker". A role, not a person's name.
share-team = Their team
share-purpose = What it's for
share-ends = The agreement ends
share-ends-never = When the young person withdraws it
share-ends-months =
    { $count ->
        [one] In 1 month
       *[other] In { $count } months
    }
share-key = Their age public key (optional)
share-key-hint = Starts with age1. Copy it exactly as the recipient gave it. Without one, exports are locked with a passphrase you read out to them.
share-add-confirm = Add the share
share-added = The share has been added.
record-retention = Keeping and deleting
record-destroyed-on =
    { $days ->
        [0] Deleted on { $date } (today)
        [one] Deleted on { $date } (in 1 day)
       *[other] Deleted on { $date } (in { $days } days)
    }
record-retention-draft = A draft is kept for a few days only, until the young person decides.
record-retention-kept = A kept map is deleted a set time after its last session. Another session moves the date on.
record-extensions = Extensions
record-extension = On { $at }, extended to { $until }.
extend-title = Keep it longer
extend-until = Keep until
extend-choose = Choose a date
extend-reason = Why does it need to be kept longer?
extend-reason-hint = This is recorded with the map.
extend-confirm = Keep it longer
extend-at-limit = This map is already kept for as long as your settings allow.
retention-extended = The map will be kept longer.
record-history = Consent history
record-no-history = Nothing recorded yet.
history-explained = Explained before drawing
history-keep-agreed = Agreed to keep a copy
history-keep-declined = Decided not to keep a copy
history-keep-withdrawn = Took back the agreement to keep a copy
history-share-added = Agreed to a share
history-share-withdrawn = Withdrew a share
history-other = Another change

settings-retention-title = Keeping maps
settings-retention-default = A kept map is deleted after
settings-retention-max = Nobody can keep a map for longer than
settings-retention-hint = Both are counted from a map's last session. Drafts that nobody agreed to keep last a few days only.
settings-months =
    { $count ->
        [one] 1 month
       *[other] { $count } months
    }
maps-warn-extend = Keep it longer…
maps-warn-extend-label = Keep { $label } longer
maps-warn-let-go = Let it go
maps-warn-let-go-label = Let { $label } be deleted on its date

## Sharing a copy with an agreed recipient, and opening one
export-title = Share a copy
export-last-shared = A copy was last shared on { $date }.
export-changed = The map has changed since a copy was last shared on { $date }. The copy they have is out of date.
export-no-share = There is no agreement to share this map at the moment. Record one with the young person first.
export-share-label = Who is this copy for?
export-share-choose = Choose someone the young person agreed to
export-share-option = { $role }, { $team }
export-share-purpose = What the young person agreed to: { $purpose }
export-preview-intro = This is the copy exactly as it will be saved. Look through it together. Untick anyone or anything the young person would rather leave out.
export-preview-alt = Page { $page } of { $count } of the copy, exactly as it will be saved
export-preview-pages =
    { $count ->
        [one] The copy is 1 page long. It asks the reader to delete it by { $date }.
       *[other] The copy is { $count } pages long. It asks the reader to delete it by { $date }.
    }
export-people = People in this copy
export-notes = Notes in this copy
export-nobody = Nobody from this session is in the copy.
export-no-notes = No notes can be shared from this session.
export-private-note = Anything marked private is never in a copy, so it is not listed here.
export-protect = How the copy is locked
export-protect-key = With the recipient's own key
export-protect-no-key = No key has been saved for this recipient, so the copy will be locked with words instead.
export-protect-words = With a set of words Peer Map makes up, which you then tell them
export-looked = We have looked at this copy together and the young person is happy for it to be shared.
export-save = Save the locked copy…
export-working = Saving…
export-cancelled = Nothing was saved.
export-done = The locked copy is saved and recorded on this map.
export-done-unrecorded = The locked copy is saved, but Peer Map could not finish recording it. Check the list below.
export-words-title = The words that unlock this copy
export-words-phone = Read these words to the recipient over the phone, or give them in person. Never send them with the file.
export-words-once = Peer Map does not keep these words. Once you close this box they cannot be shown again.
export-words-done = I have passed the words on
export-history = Copies shared so far
export-history-none = No copies have been shared yet.
export-history-item = { $date }: { $role }, { $team } ({ $state })
export-status-written = saved
export-status-failed = not saved
export-status-pending = not finished
export-own = Save the young person's own copy…
export-own-done = The young person's own copy is saved.

receiving-title = Receiving copies
receiving-intro = If practitioners share peer maps with you, give them your receiving key. Copies locked with it open only here, in your vault.
receiving-create = Create my receiving key
receiving-creating = Creating…
receiving-give = Give this key to practitioners. It is safe to send by email: it can only lock copies for you, never open them.
receiving-key-label = Your receiving key
receiving-copy-label = Your receiving key, to copy
shared-title = Open a shared copy
shared-intro = Choose a locked copy someone shared with you. Peer Map unlocks it and asks where to save the PDF. Nothing of it is kept in your vault.
shared-how = How was it locked?
shared-how-words = With words I was told
shared-how-key = With my receiving key
shared-words-label = The words, in order
shared-words-missing = Type the words you were given first.
shared-open = Choose the copy…
shared-working = Opening…
shared-saved = The PDF is saved where you chose.
shared-not-saved = The copy opened, but you closed the save window, so nothing was saved.
# Titles of the native file windows (Rust reads these from this file).
dialog-save-copy = Save the locked copy
dialog-save-pdf = Save the PDF
dialog-open-copy = Open a shared copy
dialog-filter-copy = Locked copy (age)
dialog-filter-pdf = PDF document
# Shown by a second copy of the app, which then closes without touching the vault (Rust reads it).
already-open = Peer Map is already open on this computer, so it cannot open a second time.

## The clock (a computer's date far later than Peer Map last trusted, or one that was wrong)

clock-question-title = Check the date
clock-question-says = The computer's clock says { $clock }. The last date Peer Map trusted was { $trusted }.
clock-question-ask = Is the computer's date right?
clock-question-why = Peer Map deletes maps on their date. If the clock is wrong, maps could be deleted too early, so nothing has been deleted yet.
clock-question-due =
    { $count ->
        [0] If the date is right, no maps are due to be deleted now.
        [one] If the date is right, 1 map has passed its date and will be deleted now.
       *[other] If the date is right, { $count } maps have passed their date and will be deleted now.
    }
clock-question-yes = Yes, the date is right
clock-question-no = No, the date is wrong
clock-question-working = Deleting what is due…
clock-confirmed =
    { $count ->
        [0] Peer Map now trusts today's date. No maps were due.
        [one] Peer Map now trusts today's date. 1 map had passed its date and was deleted.
       *[other] Peer Map now trusts today's date. { $count } maps had passed their date and were deleted.
    }
clock-unlock-advice = The computer's clock says { $clock }, much later than the last date Peer Map trusted ({ $trusted }). If that date is wrong, set the computer's date and time, then unlock. Nothing has been deleted.
settings-clock-heading = The clock was wrong
settings-clock-intro = Peer Map never lets its date go backwards, so that setting the clock back cannot keep a map longer. If the computer's clock was ahead and Peer Map believed it, you can bring Peer Map's date back to the computer's clock here.
settings-clock-trusted = The last date Peer Map trusted: { $trusted }
settings-clock-clock = The computer's clock: { $clock }
settings-clock-not-ahead = Peer Map's date is not ahead of the computer's clock, so there is nothing to correct.
settings-clock-cannot-undo = This cannot bring back maps that were already deleted. It only changes the date Peer Map uses from now on.
settings-clock-passphrase = Passphrase
settings-clock-button = Use the computer's date
settings-clock-working = Checking the passphrase…
settings-clock-done = Done. Peer Map's date was { $from } and is now { $to }.
