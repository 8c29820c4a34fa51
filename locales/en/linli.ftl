# Linli messages, English. Every key here must also exist in ../zh-CN/linli.ftl.

## Group cards
card-offer = 🎁 #{ $id } OFFER: { $title }
card-request = 🙋 #{ $id } WANTED: { $title }
card-borrow = 🙋 #{ $id } TO BORROW: { $title }
card-borrow-days = for { $days } days
card-hours = about { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}
card-minutes = about { $minutes } min
card-lend = 🔁 #{ $id } To lend: { $title }
card-lend-days = for { $days } days
card-points = { $points } points
card-free = free
card-owner = by { $name }
card-status-reserved = ⏳ Reserved by { $name }, waiting for the owner
card-status-accepted = 🤝 { $giver } and { $receiver } are arranging the hand-over
card-status-done-offer = ✅ Given: { $giver } → { $receiver }
card-status-done-request = ✅ Done: { $giver } helped { $receiver }
button-claim-offer = 🙋 I'd like it
button-claim-request = 🤝 I can help

condition-new = new
condition-like_new = like new
condition-good = good condition
condition-fair = signs of use
condition-poor = needs repair

## Claiming and the hand-over (private)
claim-to-owner-offer = { $name } would like your #{ $id } "{ $title }"{ $points ->
    [0] {" "}(free)
   *[other] ; { $points } points are held
}. Do you agree? (Without an answer by { $date } it is cancelled.)
claim-to-owner-request = { $name } can help with your #{ $id } "{ $title }" ({ $points } points). Do you agree? (Without an answer by { $date } it is cancelled.)
button-accept = ✅ Accept
button-decline = ❌ Decline
claim-sent-held = { $name } has been told. { $points } points are held for you; once they agree, arrange the hand-over.
claim-sent = { $name } has been told; wait for their answer.
decline-to-claimer-refund = { $name } declined #{ $id } "{ $title }" this time; your { $points } held points are back.
decline-to-claimer = { $name } declined #{ $id } "{ $title }" this time.
decline-done = Declined; #{ $id } is open to neighbours again.
request-unpaid-toast = Not enough points; the request is open again
request-unpaid-owner = You have { $balance } points to spend, not enough to pay { $points } for #{ $id } "{ $title }". The request is open again and the helper was told; ask a social worker for help, or post it again for fewer points.
request-unpaid-helper = { $name } cannot pay the { $points } points for #{ $id } "{ $title }" right now, so the request is open again. Thank you for offering to help!
accept-to-giver = You and { $name } agreed on #{ $id } "{ $title }". { $what ->
        [help] Arrange a time; once you have helped, tap "I have helped".
       *[item] Arrange a time and place; once you have handed it over, tap "I handed it over".
    } { $points ->
        [0] When they confirm, it is done
       *[other] When they confirm, { $points } points go to you
    } (at the latest on { $date }, automatically).
accept-to-receiver = { $kind ->
        [request] You accepted { $name }'s help with #{ $id } "{ $title }".
       *[offer] { $name } accepted #{ $id } "{ $title }"!
    } { $what ->
        [help] Arrange a time with { $name }; once they have helped, tap "Helped, thanks"
       *[item] Arrange the hand-over with { $name }; when you have it, tap "I received it"
    }{ $points ->
        [0] .
       *[other] { " " }and the { $points } held points go to them.
    } Otherwise it completes on { $date }; { $what ->
        [help] if plans change, reply “withdraw { $id }” to cancel.
       *[item] if nothing came, reply “withdraw { $id }” to cancel.
    }
button-confirm = 📦 I received it
button-confirm-help = ✅ Helped, thanks
confirm-to-giver = { $name } { $what ->
        [help] confirmed your help with
       *[item] confirmed receiving
    } #{ $id } "{ $title }"{ $points ->
        [0] .
       *[other] ; { $points } points are yours.
    } { $what ->
        [help] Thank you for helping!
       *[item] Thank you for sharing!
    }
confirm-to-receiver = { $what ->
        [help] Done!
       *[item] Hand-over complete!
    } { $points ->
        [0] #{ $id } "{ $title }" was free from { $name }: say thank you!
       *[other] The { $points } points for #{ $id } "{ $title }" went to { $name }.
    }

## Points
points-title = 💰 My points
history-title = 📒 Points history (latest entries)
points-none = You have not joined a neighbourhood group yet. Say something in the group to join.
points-balance-line = { $community }: { $balance } points available, { $held } held
memo-starter = welcome points
memo-hold = paid: { $title }
memo-release = hand-over: { $title }
memo-refund = returned: { $title }
memo-grant = grant: { $title }
memo-adjust = adjustment: { $title }
memo-reverse = reversal: { $title }

## Getting started
start-welcome = Hello { $name }! I'm Linli: neighbours give, lend and help each other here.
help-text = In the group just write "OFFER: kettle, 10 points" or "WANTED: a drill for the weekend" and I post a card.
    /offer thing — offer something
    /want thing — ask for something
    /points — your points
    /lang — change language
    "menu" — the main menu (give, lend, rate, report, ask a social worker…)
    "report" / "problem" — a false listing, or a hand-over gone wrong: a social worker settles it
    /helper — let a family member or social worker act for you
    "social worker", /feedback — ask a social worker to contact you, or send a problem or suggestion
    "events" — coming swap events: reply with a number to sign up; /leave to cancel
    "search drill", "browse" — find what neighbours offer; "alert me stroller" — told when one comes
    "recommendations on" — a few suggestions a week (searches kept only if you agree); /forget deletes them
help-worker-text = For social workers:
    /newevent or "new event" — a swap event; /event N attendees, walkin, volunteer NAME, report, close, cancel
    /checkin CODE — check someone in; /swap #12 #15 — record a swap
    /grant, /subsidy, /adjust, /reverse, /donation, /setpoints, /pool — points (each with a reason)
    /verify, /compensate, /addworker, /removeworker, /simple NAME on — checks, disputes, people, simple mode
    /stats this month, /export last month, /needs, /audit — figures and chart, CSV files, hot needs, worker actions; /priority NAME on REASON DATE
    /emergency MESSAGE | generator, wheelchair — an emergency notice and roll-call; /emergency end
    /poll QUESTION? option 1 / option 2 — a poll in the groups; /survey TITLE | QUESTION 1? option / option | QUESTION 2 — a questionnaire answered privately; /survey lists them, /survey N shows results, /survey N end closes
help-group = Write "OFFER: …" or "WANTED: …" in the group and I post a card; message me "points" privately for your balance.
dlg-prefill-refused = "{ $said }" can't be used here: { $why } I'll ask again in a moment.
dlg-still-posting = You haven't finished posting "{ $what }" yet. Answer the question below first, then write the new one; send "cancel" to drop it.
private-greeting = Hello { $name }! 😊 To give, lend or ask for help, just tell me, e.g. "OFFER: kids' bike" or "can anyone pick up my prescription". Send "menu" to see what I can do.
private-thanks = You're welcome 😊 Send "menu" any time to see what I can do.
private-hint = I didn't understand that. To give something or ask for help, just tell me, e.g. "OFFER: kids' bike" or "can anyone pick up my prescription". Send "help" to see what I can do.
private-help-read = All right, I'll ask your neighbours for help: { $title }. Check it, and it goes out; send "cancel" to stop.
private-listing-read = All right, I'll post this in your group: { $title }. Check it, and it goes out; send "cancel" to stop.
private-other = Got it! For now I can only read text.
private-hint-simple-again = I didn't understand. Please reply with one of the numbers below, or "menu" for the main menu. Stuck? Write "a social worker to call me".
private-hint-simple = I didn't understand. Reply with a number (stuck? write "help", or "a social worker to call me"):
help-events = Events to join
help-simple-how = To give something reply 1, to ask reply 2, then answer the questions.
    To join an event, send "events", then reply with its number.
    Need a hand? Send "A social worker to call me".
help-simple-text = Reply with a number to choose. Say "menu" to come back here, "cancel" to stop.
posted-private = Posted #{ $id } in "{ $community }".
welcome-group = Welcome { $names }! Write "OFFER: …" to give something, "WANTED: …" to ask.
dm-needed = { $name }, please tap the button below and open a private chat with me once, so I can send you messages.
button-open-private = 💬 Open a private chat

## Language
lang-choose = 请选择语言 / Choose a language
lang-set = OK, I'll speak English with you from now on.
lang-set-hant = OK, I'll write Chinese in Traditional characters from now on.

## Refusals and errors
err-private-only = Please use { $command } in a private chat with me (everyone in the group sees messages here).
err-number-range = { $max ->
    [1] Please reply 1, or tap the button below (or "menu" for the main menu).
   *[other] Please reply with a number from 1 to { $max }, or tap a button below (or "menu" for the main menu).
}
err-unknown-command = Sorry, I don't know { $command }. Send /help to see what I can do.
err-own-listing = That's your own listing; you can't claim it.
err-already-yours = You have already asked for #{ $id }: the owner will answer.
err-already-claimed = Sorry, #{ $id } is already reserved by another neighbour.
claim-taken-wait = Sorry, #{ $id } "{ $title }" was reserved by another neighbour first. Shall I tell you if it opens again?
button-tell-reopen = 🔔 Tell me if it opens again
listing-reopened = 🔔 #{ $id } "{ $title }" is open again: first come, first served.
err-listing-closed = #{ $id } is finished (withdrawn, given or closed); nothing more can be done with it.
err-already-confirmed = You already confirmed receiving #{ $id }; no need to press again.
err-already-decided = This request for #{ $id } was already answered.
err-insufficient = Not enough points: this needs { $points }, you have { $balance } available.
err-request-unaffordable = You have { $balance } points to spend, not enough to pay { $points } for this request. Ask for fewer points, write "free", or ask a social worker for help.
err-over-limit = The other side's balance is at its limit; please contact a social worker.
err-button-expired = This button has expired; please use the newest message.
err-not-for-you = This button isn't meant for you.
err-empty-offer = Please say what you are offering, e.g. /offer kids' bike, good condition, 30 points
err-empty-want = Please say what you need, e.g. /want a drill for the weekend
err-points-range = Points must be between 0 and { $max }.
err-no-community = Please say something in your neighbourhood group first, so I know your community.
err-internal = Sorry, something went wrong; please try again in a moment.

## Valuation
card-suggested = suggested { $points }
err-points-band = { $points } points is far from the suggested { $suggested }; please ask between { $min } and { $max }, or write "free". A social worker can adjust it.
points-band-clamped = { $points } points is outside the fair range ({ $min }–{ $max }), so it was posted at { $posted } points. A social worker can adjust it.
memo-subsidy = public work: { $title }
memo-donation = donation to the pool: { $title }
memo-expire = points expired
points-by-worker = {" "}(by social worker { $name })

## Social workers
worker-notice = Social worker { $worker } gave you { $amount } points in "{ $community }": { $reason }
account-pool = the pool
err-reverse-of-reverse = Entry #{ $id } is itself a reversal and can't be reversed; use /adjust or /grant to correct it.
worker-notice-take = Social worker { $worker } took back { $amount } of your points in "{ $community }": { $reason }
worker-done = Recorded #{ $id }: { $name } { $amount } points ({ $reason })
worker-donation-done = Recorded #{ $id }: a donation of { $points } points to the pool ({ $reason }); the pool now holds { $pool }.
worker-reverse-done = Reversed #{ $id } (new entry #{ $rid }): { $moved } points. Reason: { $reason }
worker-setpoints-done = #{ $id } now asks { $points } points; the card is updated.
worker-pool = "{ $community }": pool { $pool }, issued so far { $issued } (net of points taken back or expired), held in escrow { $escrow }. ("stats" counts only what was issued in its period.)
usage-grant = Usage: /grant NAME POINTS REASON, e.g. /grant Bob 20 cleaned the stairs
usage-adjust = Usage: /adjust NAME ±POINTS REASON, e.g. /adjust Bob -5 paid twice
usage-subsidy = Usage: /subsidy NAME HOURS REASON, e.g. /subsidy Bob 2 cleaned the courtyard
usage-reverse = Usage: /reverse ENTRY REASON, e.g. /reverse 12 wrong person
usage-setpoints = Usage: /setpoints LISTING POINTS REASON, e.g. /setpoints 3 15 checked at home visit
err-not-worker = Only social workers can use this command.
err-not-your-community = That is not a community you look after.
err-reason-needed = Please give a reason: every entry is kept on record.
err-amount = Please give a number of points, e.g. 20.
err-hours = Please give the hours, e.g. 2 or 1.5.
err-no-such-member = I can't find "{ $name }". Use their name or numeric id.
err-no-such-member-near = I can't find "{ $name }". Did you mean { $near }? Use their name or numeric id.
err-ambiguous-member = Several neighbours are called "{ $name }"; please use the numeric id.
err-pool-empty = The pool holds only { $balance } points, not enough for that.
err-member-too-low = They have only { $balance } points; { $points } can't be taken.
err-no-such-transfer = There is no entry #{ $id }.
err-not-reversible = Entry #{ $id } belongs to a hand-over and can't be reversed directly; settle the hand-over instead.
err-already-reversed = Entry #{ $id } was already reversed.
err-no-such-listing = There is no listing #{ $id }.
err-listing-not-open = #{ $id } is reserved or finished; its points can't change now.
points-expired = { $points } of your points in "{ $community }" went unused for { $days } days and have expired.

## Withdrawing
card-status-withdrawn = 🚫 Withdrawn by the owner
card-status-gone-offer = ✅ Gone, says the owner
card-status-gone-request = ✅ Sorted, says the owner
card-status-gone-lend = ✅ Lent out, says the owner
withdraw-done-gone = Done: #{ $id } "{ $title }" is marked as ended, and its card in the group says so. Thank you!
gone-in-handover = #{ $id } "{ $title }" is being handed over to { $name }, so the card stays. { $what ->
        [help] Once you have helped, tap "I have helped"
       *[item] Once you have handed it over, tap "I handed it over"
    }; it is done when they confirm. To call it off, reply “withdraw { $id }”.
undo-not-yours = #{ $id } "{ $title }" was posted by { $name }; only they can take it down. If something is wrong with the card, write "social worker".
withdraw-to-claimer = { $name } withdrew #{ $id } "{ $title }"; any points held for you are back.
takedown-to-claimer = A social worker took down #{ $id } "{ $title }" after a report, so this hand-over is off; any points held for you are back.
withdraw-to-owner = { $name } cancelled their claim on #{ $id } "{ $title }"; it is open again.
withdraw-done-owner = #{ $id } "{ $title }" is withdrawn.
withdraw-done-claimer = Your claim on #{ $id } "{ $title }" is cancelled; { $refund } points are back.
usage-withdraw = Usage: withdraw LISTING, e.g. “withdraw 3” (or /withdraw 3)
err-not-yours = #{ $id } is not yours, nor claimed by you.

## Loans and reminders
card-status-lent = 📦 Lent to { $receiver } until { $date }
card-status-returned = ✅ Returned: { $receiver } → { $giver }
card-status-expired = ⌛ Expired ({ $name } did not renew it)
loan-started-lender = { $name } borrowed #{ $id } "{ $title }", due back { $date }. When it is back, tap "Returned"{ $points ->
        [0] .
       *[other] {" "}and the { $points } held points go to you.
    }
loan-started-borrower = You borrowed #{ $id } "{ $title }" from { $name }; please return it by { $date }. I'll remind you.
button-returned = ✅ Returned
button-returned-which = ✅ #{ $id } "{ $title }" is back
loan-returned-which = You have lent more than one thing. Which one came back?
loan-borrower-says-returned = { $name } says #{ $id } "{ $title }" is back with you. If you have it, tap "Returned" and the held points go to you.
loan-asked-lender = { $name } has been told that #{ $id } "{ $title }" is back. The loan ends when they confirm.
err-no-loan = You have nothing lent or borrowed right now.
err-nothing-to-hand = You have nothing waiting to be handed over. When a neighbour's claim is agreed, tap "I handed it over" under it, or write "handed over".
button-extend = ⏳ Ask for more days
loan-due-soon = Reminder: { $name }'s "{ $title }" is due back tomorrow ({ $date }).
loan-due-today = Reminder: { $name }'s "{ $title }" is due back today ({ $date }).
loan-overdue = "{ $title }" is { $days } days overdue (due { $date }); please return it to { $name } soon.
loan-overdue-lender = "{ $title }", borrowed by { $name }, is { $days } days overdue; I have reminded them. When it is back, tap "Returned".
reminder-late = (late)
loan-escalated = ⚠️ "{ $community }": { $borrower } has had { $lender }'s #{ $id } "{ $title }" { $days } days past its due date; please follow up.
loan-returned-borrower = { $name } confirmed #{ $id } "{ $title }" is back; the loan is closed. Thank you!
loan-returned-lender = Return confirmed. { $points ->
        [0] Thank you for lending it to a neighbour!
       *[other] The { $points } points for #{ $id } "{ $title }" are yours.
    }
loan-lend-again = #{ $id } "{ $title }" can be borrowed again: its card in the group has its button back. If you no longer want to lend it, tap "Withdraw".
loan-extend-ask = { $name } would like to keep "{ $title }" { $days } more days. Do you agree?
loan-extend-asked = I asked { $name }; wait for their answer.
loan-extend-ok = { $name } agreed: "{ $title }" is now due { $date }.
loan-extend-done = OK, the new due date is { $date }.
loan-extend-no = { $name } did not agree to keep "{ $title }" longer; please return it on time.
err-extension-pending = You already asked for more days; wait for the answer.
nudge-receiver = Reminder: #{ $id } "{ $title }" was agreed { $days } days ago. { $what ->
        [help] Once they have helped, tap "Helped, thanks";
       *[item] If you have it, tap "I received it";
    } it completes by itself on { $date }. If nothing came, reply “withdraw { $id }” to cancel; your points come back.
nudge-giver = Reminder: #{ $id } "{ $title }" was agreed { $days } days ago. { $what ->
        [help] Have you helped { $name }? Once done, tap "I have helped";
       *[item] Have you met { $name }? Once handed over, tap "I handed it over";
    } it completes by itself on { $date }.
listing-check = Is #{ $id } "{ $title }" still available? Unless renewed it comes down on { $date }.
button-renew = 👍 Still available
button-withdraw = 🚫 Withdraw
listing-renewed = OK, #{ $id } stays up.
listing-expired = #{ $id } "{ $title }" was not renewed and has come down. Post it again any time.
topic-post = 🗓 Topic of the week: { $topic }
statement-title = 📊 Monthly points statement ({ $date })
statement-line = { $community }: balance { $balance }, earned { $earned } and spent { $spent } in the last month
statement-on = OK, you'll get a points statement on the 1st of each month. /statement off stops it.
statement-off = Monthly statement turned off.
usage-statement = Usage: /statement on or /statement off
reminders-none = You have no upcoming reminders.
reminders-title = You have { $count } upcoming reminders:
reminder-loan-due-soon = loan due tomorrow
reminder-loan-due = loan due today
reminder-loan-overdue = overdue loan
reminder-loan-escalate = overdue loan reported to workers
reminder-handover-nudge = hand-over reminder
reminder-listing-check = is your listing still available?
reminder-listing-expire = listing comes down
reminder-topic = weekly topic
reminder-statement = monthly statement
button-snooze = ⏰ Snooze a day
button-stop = 🔕 Stop
reminder-snoozed = Snoozed for a day.
reminder-stopped = Reminder stopped.

## Ratings and credit
rate-ask = How did { $name } do in the hand-over of "{ $title }"? (Only social workers see ratings.)
rate-thanks = Thank you for rating ({ $score }⭐)!
err-already-rated = You have already rated this hand-over.
points-credit = Credit: { $credit }

## Dialogs (dialogs/*.toml): prompts, buttons and answers
menu-title = Main menu: reply with a number, or tap a button.
menu-offer = Give something
menu-request = Ask for something
menu-lend = Lend something
menu-points = My points
menu-mine = Mine
menu-rate = Rate a neighbour
menu-report = Report a listing
menu-dispute = Problem with a hand-over
menu-help = Help
menu-no-such = There is no such item.
flow-offer = Give something
flow-request = Ask for something
flow-lend = Lend something
flow-rate = Rate a neighbour
flow-report = Report a listing
flow-dispute = Problem with a hand-over
flow-language = Change language
flow-help = Help
dlg-community = Which neighbourhood group?
dlg-offer-what = What would you like to give? Just a name, e.g. kids' bike
dlg-offer-resource = Is "{ $what }" a thing, a favour or a skill?
opt-item = 📦 A thing
opt-service = 🤝 A favour (errands, care…)
opt-skill = 🛠 A skill (repair, tutoring…)
dlg-category = Which kind?
cat-kids = Kids' things
cat-books = Books
cat-clothing = Clothes
cat-kitchen = Kitchen
cat-appliances = Appliances
cat-electronics = Electronics
cat-furniture = Furniture
cat-tools = Tools
cat-sports = Sports
cat-other = Other
cat-garden = Garden
cat-food = Food
dlg-condition = What condition is it in?
dlg-hours = About how many hours? Reply with a number, e.g. 2 or half an hour
dlg-photos = { $count ->
    [0] Send photos, up to { $max }, from different sides. { $min ->
        [0] No photos? Tap Skip.
       *[other] At least { $min }.
    }
   *[other] { $count } received (up to { $max }). Send more, or tap Done when finished.
}
dlg-points = { $simple ->
    [1] Suggested: { $suggested } points. Reply 1 to take it, 2 for free, or write another amount like "8 points" ({ $min }–{ $max }).
   *[other] Suggested: { $suggested } points. How many would you like? Between { $min } and { $max }; 0 means free.
}
dlg-bad-points = Points must be between { $min } and { $max } (suggested { $suggested }), or 0 for free.
dlg-offer-confirm = Post "{ $what }"{ $duration } for { $points ->
        [0] free
       *[other] { $points } points
    }?
dlg-request-what = What do you need? Just a name, e.g. drill
dlg-request-resource = Is "{ $what }" a thing, a favour or a skill?
dlg-duration = { " " }({ $duration })
dlg-request-points = { $simple ->
    [1] Suggested: { $suggested } points. Reply 1 to give that, 2 to give none, or write another amount like "8 points" ({ $min }–{ $max }).
   *[other] Suggested: { $suggested } points. How many will you give? { $min }–{ $max }; 0 means none.
}
dlg-request-confirm = Post the request "{ $what }"{ $duration }, { $points ->
        [0] no points
       *[other] giving { $points } points
    }?
dlg-lend-what = What would you like to lend? Just a name, e.g. drill
dlg-return = When should it come back? E.g. Dec 20 as 12-20, next saturday, 7 days
dlg-bad-date = I could not read that date. Please give a day from { $first } to { $last }, e.g. 12-20 or 7 days.
dlg-lend-confirm = Lend "{ $what }", back by { $return }, { $points ->
        [0] free
       *[other] { $points } points
    }?
dlg-rate-which = Which hand-over?
dlg-rate-stars = How many stars?
stars-5 = ⭐⭐⭐⭐⭐ Great
stars-4 = ⭐⭐⭐⭐ Good
stars-3 = ⭐⭐⭐ OK
stars-2 = ⭐⭐ Poor
stars-1 = ⭐ Bad
dlg-rate-comment = Would you like to add a comment? Just reply, or tap Skip.
rate-comment-thanks = Thank you, your comment is saved.
rate-comment-skipped = OK, no comment. Thank you for rating!
dlg-report-which = Which listing? Tap it, or reply with its number, e.g. #12
dlg-report-reason = What is wrong with it?
reason-fake = False listing
reason-points = Unfair points
reason-unsafe = Unsafe or not allowed
reason-other = Something else
dlg-report-details = Anything to add? Just reply, or tap Skip.
dlg-dispute-which = Which hand-over went wrong?
dlg-dispute-reason = What happened? A few words, please.
dlg-dispute-photos = Send photos if you have any (up to { $max }); { $count } so far. None? Tap Skip.
dlg-dispute-confirm = Send this to the social workers? The points involved are frozen meanwhile.
dlg-lang = 请选择语言 / Choose a language
opt-zh = 中文
opt-zh-hant = 繁體中文 (Traditional)
opt-en = English
dlg-help = What do you need?
help-how = How it works
help-worker = A social worker to call me
help-simple = Simple mode on/off
help-lang = Change language
dlg-yes = ✅ Yes
dlg-no = ❌ No
dlg-done = ✅ Done
dlg-skip = ⏭ Skip
dlg-back = ↩ Back
dlg-cancel = ✖ Cancel
dlg-use-suggested = 👍 { $points } points
dlg-free = 🆓 Free
dlg-cancelled = OK, cancelled.
dlg-not-posted = OK, nothing was posted.
dlg-nothing-to-cancel = There is nothing to cancel.
dlg-timeout = That went unanswered for a while, so I stopped it. Say "menu" to start again.
dlg-other = I can't understand voice messages or stickers; please type or tap a button.
dlg-bad-text = Please write { $min } to { $max } characters.
dlg-words-not-number = Please answer this step in words, for example the name of the thing; to stop, reply "cancel".
dlg-bad-choice = Please tap a button, or reply with a number from 1 to { $max }.
dlg-bad-hours = Please reply with the hours, e.g. 2, half an hour or 1.5 (at most { $max }).
dlg-bad-number = Please reply with a number from { $min } to { $max }.
dlg-points-over-balance = You can spend { $balance } points now, not { $points }. Please reply with { $balance } or less, or "free".
dlg-bad-yesno = Please reply yes or no.
dlg-bad-photo = { $min ->
    [0] Please send photos (up to { $max }), then tap Done; or tap Skip for none.
   *[other] Please send photos (at least { $min }, at most { $max }), then tap Done.
}
dlg-none-unrated = You have no hand-over to rate.
dlg-none-disputable = You had no hand-over in the last { $days } days.
dlg-none-listings = There is nothing to report in your groups right now.
err-dialog-old = That step has passed.
simple-on = Simple mode is on: reply with a number to choose.
simple-off = Simple mode is off.
mine-title = 📋 Mine
mine-listing = #{ $id } { $title }: { $status ->
        [open] { $kind ->
            [request] waiting for a neighbour to help
           *[other] waiting for someone
        }
        [reserved] { $kind ->
            [request] a neighbour offered
           *[other] someone wants it
        }
        [accepted] to hand over
        [lent] lent out
       *[other] { $status }
    }
mine-claim = { $kind ->
        [request] I offered to help with #{ $id } { $title }: { $status ->
            [pending] waiting for their answer
           *[other] to do / hand over
        }
       *[other] I asked for #{ $id } { $title }: { $status ->
            [pending] waiting for the owner
           *[other] to hand over
        }
    }
mine-loan = Borrowed "{ $title }", due back { $date }
mine-nothing = Nothing is going on right now.

## Helpers acting for a resident
acting-mark = [for { $name }]{" "}
helper-code = Helper code: { $code } (valid for 24 hours).
    Give it to a family member or social worker you trust; they send /actfor { $code } to act for you. /helper off withdraws it at any time.
helper-revoked = Done: { $count } helper(s) can no longer act for you.
helper-linked = You can now act for { $name }: /as { $name } to start, /as off to stop.
helper-linked-resident = { $name } can now act for you; every step is written in your history. /helper off withdraws it at any time.
acting-on = From now on you act for { $name }; replies are marked. /as off to stop.
acting-off = You stopped acting for anyone.
history-acted =   { $date } by { $name } for you: { $what }
err-helper-code = That helper code is wrong or expired; ask for a new one (/helper).
err-not-helper = { $name } has not agreed to you acting for them. Ask them to send /helper and give you the code.
usage-simple = Usage: /simple on or /simple off; social workers: /simple NAME on
simple-on-by-worker = Social worker { $name } turned on simple mode for you: reply with a number to choose.
simple-off-by-worker = Social worker { $name } turned off simple mode for you.
simple-set-for = { $on ->
        [true] Simple mode is on for { $name }.
       *[other] Simple mode is off for { $name }.
    }

## Trust and safety: disputes, reports, moderation (issue 7)

button-report = ⚠️ Report
button-compensate = Compensate { $points }
button-refund = Return item & refund
button-dismiss = Dismiss
button-ask-opener = Ask opener
button-ask-other = Ask other side
button-hide = Hide
button-warn = Warn
button-approve = ✅ Approve
button-reject = ❌ Reject
button-verify = 🏠 Verified on a visit
card-verified = 🏠 verified by a social worker
card-status-review = 🔍 Under review; it cannot be claimed for now
card-status-removed = 🚫 Taken down by a social worker
card-status-reviewed = ✔️ Reviewed
usage-dispute = Usage: /dispute N reason, e.g. /dispute 3 the handlebar is broken (you can send photos with the same caption)
usage-compensate = Usage: /compensate CASE POINTS reason
usage-report = Usage: /report N reason, e.g. /report 3 it is fake
usage-verify = Usage: /verify N
usage-addworker = Usage: reply to the resident's message with /addworker, or /addworker NUMERIC_ID
err-case-closed = This case was already settled.
err-no-such-case = There is no case #{ $case }.
err-not-admin = Only an admin can name social workers.
err-in-group-only = Please use this command in the neighbourhood group.
err-under-review = #{ $id } is under review and cannot be claimed for now.
dispute-err-not-yours = You took part in no hand-over of #{ $id }.
dispute-err-not-handed-over = #{ $id } has not been handed over yet; you can reply “withdraw { $id }” to cancel instead.
dispute-err-too-late = The hand-over of #{ $id } was more than { $days } days ago; please talk to a social worker.
dispute-err-over-frozen = At most the { $frozen } frozen points can be paid as compensation.
dispute-opened = Your dispute #{ $case } about #{ $id } "{ $title }" is received; you will hear the outcome privately. { $who }
dispute-opened-other = { $name } opened dispute #{ $case } about the hand-over of #{ $id } "{ $title }"; { $frozen } points are frozen until a social worker decides.{ $shortfall ->
    [0] {""}
   *[other] { $shortfall } more points could not be frozen.
}
dispute-card = ⚖️ Dispute #{ $case } · { $community }
    #{ $id } "{ $title }" { $points } points, given by { $giver }
    Opened by { $opener } (credit { $opener_credit }) · other side { $against } (credit { $against_credit })
    Reason: { $reason }
    { $photos } photo(s) { $photo_ids }
    Frozen: { $frozen } points{ $shortfall ->
        [0] {""}
       *[other] ; the giver was { $shortfall } points short
    }
    History: claimed { $claimed } → hand-over confirmed { $handed }
    Notes: { $notes }
dispute-note = ⚖️ Dispute #{ $case }, more from { $name }: { $text } ({ $photos } photo(s) { $photo_ids })
dispute-note-added = Added to dispute #{ $case }.
dispute-ask = Social worker { $worker } would like to know more about dispute #{ $case } (#{ $id } "{ $title }"). Please reply: /dispute { $id } your words (photos with the same caption are welcome).
dispute-button-reason = decided on the case card
dispute-done-toast = Dispute #{ $case } done
dispute-asked-toast = Asked privately; the answer comes here (dispute #{ $case })
dispute-decided = ⚖️ Dispute #{ $case } decided by { $worker }: { $outcome ->
    [compensated] compensation of { $points } points
    [refunded] item returned, { $points } points refunded
   *[other] dismissed
}
dispute-outcome-compensated = Dispute #{ $case } (#{ $id } "{ $title }"): { $points } points compensation. Note: { $reason }
dispute-outcome-refunded = Dispute #{ $case } (#{ $id } "{ $title }"): the item goes back and { $points } points are refunded to the receiver. Note: { $reason }
dispute-outcome-dismissed = Dispute #{ $case } (#{ $id } "{ $title }"): dismissed; the frozen points are released. Note: { $reason }
dispute-raised = ⏰ Dispute #{ $case } (#{ $id }) has waited { $hours } hours with nobody on it: { $reason }
dispute-admins = ⏰ Dispute #{ $case } (#{ $id }) in "{ $community }" has waited { $hours } hours with no social worker on it; please assign someone.
report-ask = Why are you reporting #{ $id } "{ $title }"?
report-ask-toast = Sent you a private message: please pick a reason
report-reason-fake = Fake / a scam
report-reason-wrong_points = Unfair points
report-reason-unsafe = Unsafe
report-reason-other = Something else
report-err-not-member = You are not in the group of #{ $id }, so you can't report it.
report-thanks = Thank you: your report of #{ $id } is with the social workers.
report-thanks-admins = Thank you: your report of #{ $id } is with the group's administrators (the group has no social worker yet).
report-thanks-nobody = Thank you: your report of #{ $id } is recorded. Nobody in this group can act on it yet; a group administrator can name a social worker by sending /setup in the group.
report-thanks-toast = Sent to the social workers, thank you
report-thanks-message = Thank you: the message is with the social workers.
report-forwarded-reason = forwarded to the bot
report-err-already = You already reported #{ $id }; a social worker is looking at it.
report-err-own = You cannot report your own post.
report-card = 🚩 Report #{ $report } · { $community }
    #{ $id } "{ $title }" by { $owner }
    Reporter: { $reporter } (before: { $upheld } upheld · { $dismissed } dismissed)
    Kind: { $category } · reason: { $reason }
    { $reporters } member(s) reported it{ $hidden ->
        [yes] ; hidden for now
       *[other] {""}
    }
report-done-toast = Report #{ $report } done
report-outcome-upheld = Your report was upheld and the post taken down.{ $points ->
    [0] {""}
   *[other] You get { $points } points, thank you!
}
report-outcome-dismissed = A social worker looked at your report and did not uphold it. Thank you for caring.
report-outcome-warned = Your report was handled: the poster was warned.
report-owner-upheld = Your post "{ $title }" was taken down by a social worker after a report. Talk to them if you have questions.
report-owner-hidden = Your #{ $id } "{ $title }" was reported by several neighbours and is hidden for now; a social worker will look at it soon and restore it if it was a mistake.
report-owner-warned = A reminder from a social worker: neighbours reported your post "{ $title }"; please describe things truly and ask fair points.
report-pool-short = The pool is short: no reward was paid for this report.
report-reward-memo = report reward
approval-card = 📝 To approve #{ $id } · { $community }
    { $name } posted "{ $title }" for { $points } points
listing-pending = Your #{ $id } was received; it appears in the group once a social worker approves it.
listing-approved = Your #{ $id } "{ $title }" was approved and is now in the group.
listing-rejected = Your #{ $id } "{ $title }" was not approved. Talk to a social worker if you have questions.
approve-done = #{ $id } approved
reject-done = #{ $id } rejected
verify-done = #{ $id } marked as verified on a home visit.
worker-added = Welcome { $name }, a social worker of this community now.
worker-removed = { $name } is no longer a social worker of this community.
flood-warning = You are sending too fast; please try again in { $seconds } seconds.
handbook-all = all communities
handbook-title = # Neighbourhood disputes handbook · { $community }
handbook-summary = As of { $date }, social workers settled { $count ->
    [one] one hand-over dispute
   *[other] { $count } hand-over disputes
}. They are summed up below by kind of problem, with nothing personal.
handbook-none = No dispute has been settled yet.
handbook-kind-not_as_described = Not as described ({ $count })
handbook-kind-damaged = Damaged items ({ $count })
handbook-kind-not_received = Never received ({ $count })
handbook-kind-no_show = No-shows and lateness ({ $count })
handbook-kind-other = Other ({ $count })
handbook-outcomes = Outcomes: { $compensated } compensated, { $refunded } returned and refunded, { $dismissed } dismissed
handbook-average = Average compensation: { $points } points
handbook-tip-not_as_described = Tip: describe the condition and flaws plainly, with photos from a few angles.
handbook-tip-damaged = Tip: check and try the item at the hand-over, say so at once, and take a photo.
handbook-tip-not_received = Tip: tap "I received it" only once you have it.
handbook-tip-no_show = Tip: agree on a time and place, and message the other side early if plans change.
handbook-tip-other = Tip: talk privately first; ask a social worker when you cannot settle it.
err-not-while-acting = You can't do that while acting for someone. Send /as off first.
err-helper-locked = Too many wrong helper codes; try again tomorrow, or ask them to contact a social worker.

# The whole hand-over (issue 18)
button-handed = 🤝 I handed it over
button-helped = 🤝 I have helped
button-write-to = 💬 Write to { $name }
handed-to-receiver = { $what ->
        [help] { $name } says they have helped with #{ $id } "{ $title }". If all is well, tap "Helped, thanks";
       *[item] { $name } says #{ $id } "{ $title }" was handed to you. If you have it, tap "I received it";
    } it completes by itself on { $date }. If not, ask a social worker (help → a social worker to call me).
handed-done = { $name } is told and asked to confirm.
handed-already = You already said #{ $id } was { $what ->
        [help] done
       *[item] handed over
    }; waiting for the other side.
auto-confirm-to-giver = The hand-over of #{ $id } "{ $title }" completed by itself ({ $name } neither confirmed nor raised a problem); { $points } points are yours.
auto-confirm-to-receiver = The hand-over of #{ $id } "{ $title }" completed by itself; { $points } points went to { $name }. If something is wrong, /dispute { $id } and say what.
release-to-claimer = { $name } did not answer your claim on #{ $id } "{ $title }" within { $days } days, so it is cancelled{ $refund ->
    [0] .
   *[other] and your { $refund } points are back.
}
release-to-owner = The claim of { $name } on #{ $id } "{ $title }" went unanswered for { $days } days and is cancelled; the listing is open again.
reminder-handover-auto = hand-over completes by itself
reminder-claim-release = unanswered claim is cancelled
reminder-ticket-remind = help request raised again

# Debts after a dispute
points-debt-line = You owe { $debt } points (what you earn next pays it first)
memo-debt-repay = debt repaid
dispute-debt = Case #{ $case } (#{ $id } "{ $title }"): you did not have enough points, so the community pool paid { $points } points to the other side for you. { $debt ->
    [0] A social worker will talk to you.
   *[other] You owe { $debt } points ({ $total } in all); what you earn next pays it first.
}
dispute-debt-workers = ⚖️ Case #{ $case }: { $name } was { $points } points short; the pool paid the other side. Recorded as debt: { $debt } (limit { $limit }); borne by the pool: { $borne }{ $issued ->
    [0] .
   *[other] ; the pool was short, so { $issued } new points were issued.
}

# No social worker: the group's administrators
escalate-admin-note = This community has no social worker yet, so you (a group administrator) are told. Tap "I'll be the social worker" to handle it, or send /setup NAME in the group to name someone.
button-setup = 🙋 I'll be the social worker
escalated-workers = A social worker will contact you soon.
escalated-admins = This community has no social worker yet; its group administrators ({ $names }) are told.
escalated-nobody = This community has no social worker yet and no group administrator we can reach; your request is kept and the first social worker will see it.
err-setup-in-group = Send /setup in the neighbourhood group (only its administrators can).
err-setup-not-admin = Only the group's administrators can name the community's social worker.
setup-done-group = ✅ { $name } is now this community's social worker and will handle reports, disputes and requests for help.
setup-done-worker = You are now a social worker of "{ $community }" (set by { $by }). Reports, disputes and residents' requests for help come to you.
setup-already = You are already this community's social worker.
setup-toast = Done: you are the social worker now.

# "A social worker to call me": tickets
ticket-card = 🙋 Help request #{ $ticket } · { $community }
    { $name } asks a social worker to get in touch.
ticket-raised = ⏰ Request #{ $ticket } ({ $name }, { $community }) has waited { $hours } hours; please get in touch.
button-ticket-take = I'll contact them
button-ticket-done = Done
ticket-opened = Help request #{ $ticket } is sent. { $who }
ticket-already-open = Your request #{ $ticket } is sent and waiting for a social worker.
ticket-already-taken = Your request #{ $ticket } was taken by { $worker }, who will contact you.
ticket-was-taken = Request #{ $ticket } was taken by { $worker }.
ticket-was-done = Request #{ $ticket } was closed by { $worker }.
ticket-taken-resident = Social worker { $worker } took your request #{ $ticket } and will contact you soon.
ticket-taken-worker = You took request #{ $ticket }. Tap below to write to { $name }.
ticket-take-toast = Request #{ $ticket } is yours
ticket-already-done = Request #{ $ticket } is already closed.
ticket-done-resident = Social worker { $worker } marked your request #{ $ticket } as done. Ask again any time.
ticket-done-by-other = Request #{ $ticket }, which you took, was marked done by social worker { $worker }.
ticket-done-toast = Request #{ $ticket } closed

# Points about to expire
points-expire-soon = Reminder: { $points } of your points in "{ $community }" expire on { $date }. Use them for something you need or someone's help so they are not lost.

# A photo sent privately: the offer flow
photo-starts-offer = Photo received 📷 Let's offer it in your group (reply "cancel" if you didn't mean to).
err-not-for-yourself = Social workers do not move points to or from their own account; ask another worker.
dispute-err-settled = The dispute #{ $case } about the hand-over of #{ $id } was already decided. If something new happened, ask a social worker (help → a social worker to call me).
err-withdraw-handed = { $name } says #{ $id } was handed to you, so it cannot simply be cancelled. If you did not get it, ask a social worker (help → a social worker to call me).
setup-already-named = { $name } is already this community's social worker.
handed-after-done = The hand-over of #{ $id } is already complete; nothing more to do.

# A reply to a card or its post: interest in that listing
reply-interest-offer = Would you like #{ $id } "{ $title }"? { $points ->
    [0] It is free: tap below to claim it.
   *[other] { $points } points: tap below to claim it; the points are held.
}
reply-interest-request = Can you help with #{ $id } "{ $title }" ({ $points } points)? Tap below to tell them.
reply-not-open = #{ $id } "{ $title }" cannot be claimed now (already claimed or finished).
reply-list-choose = { $count ->
    [one] One thing in this post can still be claimed. Tap to see it.
   *[other] { $count } things in this post can still be claimed. Which one would you like? Tap to see it.
}
reply-list-none-open = Nothing in this post can be claimed now (already claimed or finished).
err-admin-setup-first = You administer the group but are not yet this community's social worker: tap "I'll be the social worker" (or send /setup in the group) first.
points-frozen-line = { $frozen } points frozen by a dispute (released or paid out when a social worker decides)

## Offline swap events
flow-event = Create an event
flow-event-item = Register a thing you bring
flow-event-feedback = Event feedback
memo-event-attend = Came to an event
memo-event-volunteer = Event volunteer
memo-event-swap = Event swap: { $title }
event-theme-any = anything
event-groups-one = Only the host community's group
event-groups-all = All the groups I serve
event-repeat-none = Just once
event-repeat-weekly = Every week, same day
event-repeat-monthly = Every month, same weekday (e.g. first Saturday)
dlg-event-not-created = OK, no event was created.
dlg-event-community = Which community hosts it (and pays its points)?
dlg-event-title = What is the event called? e.g. Book swap
dlg-event-theme = What kind of things does it take?
dlg-event-place = Where is it? e.g. Block 3 community room
dlg-event-date = Which day? (e.g. 12-06, next saturday)
dlg-event-time = What time does it start? (e.g. 9:30, 2pm)
dlg-bad-time = I could not read that time. Please write 9:30, 14:00 or 2pm.
dlg-event-hours = How many hours does it last? (1–12)
dlg-event-slots = Any time slots or zones? e.g. "9:00 kids' corner, 10:00 books". Tap Skip if not.
dlg-event-capacity = How many people at most? (1–500)
dlg-event-item-limit = How many things may each family bring? (0–20; 0: nothing to bring)
dlg-event-attend-points = Points for each resident who checks in? (0–100)
dlg-event-volunteer-points = Points for each volunteer? (0–200)
dlg-event-groups = Which groups should hear about it?
dlg-event-repeat = Does it repeat?
dlg-event-confirm = Please check:
    "{ $title }" · { $theme }
    🕘 { $date } { $time }, { $hours } hours · 📍 { $place }
    👥 { $capacity } people, { $item_limit } things per family
    ⭐ { $attend_points } points for coming, { $volunteer_points } for volunteers
    📣 { $groups } · 🔁 { $repeat }
    Publish it? (To change something, tap Back.)
dlg-event-item-not-added = OK, nothing was registered.
dlg-event-item-what = What will you bring? (e.g. 5 picture books)
dlg-event-stars = How was the event?
dlg-event-comment = Anything you'd like to say? (you can skip)
dlg-event-next = What event would you like next? (e.g. a kids' things swap; you can skip)
button-event-join = 🙋 RSVP
button-event-join-n = { $n }. RSVP "{ $title }"
button-event-bring = 🎁 I'll bring things
button-event-show-n = { $n }. View "{ $title }"
button-event-bring-more = 🎁 Register another
button-event-leave = Cancel my place
button-checkin-name = ☐ { $name }{ $people ->
    [1] {""}
   *[other] ×{ $people }
}
event-card = 📅 Event #{ $event }: { $title }
    🕘 { $when }
    📍 { $place }
    👥 { $capacity } places, { $left ->
        [0] full: new sign-ups join the waitlist
       *[other] { $left } left
    }{ $waiting ->
        [0] {""}
       *[other] , { $waiting } waiting
    }
    🎁 { $limit ->
        [0] nothing to bring
       *[other] up to { $limit } things per family ({ $theme })
    }{ $points ->
        [0] {""}
       *[other] { " " }· { $points } points for coming
    }{ $slots }
    Reply "RSVP" (or "+1", "we are 2") to this message, or tap the button.
event-card-closed = 📅 Event #{ $event }: { $title }
    🕘 { $when } · 📍 { $place }
    Sign-ups are closed.
event-card-started = 📅 Event #{ $event }: { $title }
    🕘 { $when } · 📍 { $place }
    On now: come along.
event-card-done = 📅 Event #{ $event }: { $title } is over. Thank you all!
event-card-cancelled = 📅 Event #{ $event }: { $title } is cancelled.
event-created = ✅ Event #{ $event } "{ $title }" is announced in: { $groups }. When: { $when }.
    Sign-ups: /event { $event }; attendee list and check-in: /event { $event } attendees; add a volunteer: /event { $event } volunteer NAME.
event-joined = ✅ You are signed up for "{ $title }"{ $people ->
        [1] {""}
       *[other] ({ $people } people)
    }.
    🕘 { $when } · 📍 { $place }
    Check-in code: { $code } (show it, or the QR code above, at the door){ $limit ->
        [0] {""}
       *[other] {"\u000A"}You may bring { $limit } things to swap: tap "I'll bring things" to register them.
    }
event-waitlisted = 🕒 "{ $title }" ({ $when }) is full: you are number { $position } on the waitlist. I'll tell you as soon as a place frees up.
event-join-toast = You're in! Your check-in code is in your private chat.
event-waitlist-toast = It's full: you're on the waitlist.
event-already-in = You are already signed up for "{ $title }" ({ $people } people); check-in code { $code }.
event-already-waiting = You are number { $position } on the waitlist of "{ $title }".
event-people-changed = Now { $people } people for "{ $title }".
event-left = Your place at "{ $title }" is cancelled.
event-promoted = 🎉 Someone cancelled: there's a place for you at "{ $title }"!
event-none = No events to sign up for right now. New ones are announced in the group.
event-list-title = Coming events:
event-list-line = { $n }. #{ $event } "{ $title }" { $when } · { $place } · { $left ->
        [0] full (waitlist open)
       *[other] { $left } places left
    }{ $mine ->
        [confirmed] { " " }· ✅ you're in
        [waitlist] { " " }· 🕒 you're waiting
       *[other] {""}
    }
event-list-hint = Reply with a number or tap a button to sign up.
event-show = 📅 Event #{ $event }: { $title }
    🕘 { $when } · 📍 { $place }
    👥 { $taken }/{ $capacity } signed up{ $waiting ->
        [0] {""}
       *[other] , { $waiting } waiting
    }{ $slots }
event-table-empty = 🧺 Nothing on the swap table yet.
event-table-title = 🧺 Swap table ({ $count }):
event-table-line = #{ $id } { $title } · { $category } · { $owner }{ $status ->
        [done] (swapped)
       *[other] {""}
    }
event-bring-start = Registering a thing for "{ $title }" ({ $theme }; { $have }/{ $limit } so far).
event-item-added = ✅ "{ $what }" (#{ $id }) is on the swap table of "{ $title }" ({ $have }/{ $limit }).
event-attendees = 📋 "{ $title }" check-in: { $done } families in, { $waiting } not yet. Tap a name, or send /checkin CODE. Someone without a sign-up: /event { $event } walkin NAME.
checkin-ok = ✅ { $name }{ $people ->
        [1] {""}
       *[other] ({ $people } people)
    } checked in. { $done }/{ $taken } people here.
checkin-used = ⚠️ { $name } checked in already, at { $at } (each code works once).
checkin-wrong = ❌ No such check-in code: { $code }. Please check it ({ $left } tries left).
checkin-wrong-event = ⚠️ This code is not for event #{ $want }: it is for event #{ $event } "{ $title }".
checkin-ended = ⚠️ Event #{ $event } "{ $title }" is over (or cancelled): no more check-ins.
checkin-cancelled = ⚠️ { $name } cancelled their place. If they came anyway, add them with "/event { $event } walkin { $name }".
checkin-locked = Too many wrong codes: please wait { $minutes } minutes, or tap names in the attendee list.
checkin-other-day = ⚠️ Event #{ $event } "{ $title }" is on { $when }: check-in works on its day only.
checkin-not-confirmed = ⚠️ { $name } is on the waitlist, without a place yet. Add them as a walk-in if there is room.
checkin-welcome = 👋 Welcome to "{ $title }": you're checked in!{ $points ->
        [0] {""}
       *[other] { " " }{ $points } points are yours.
    }
event-walkins-added = Noted { $people } walk-in people.
event-volunteer-added = { $name } volunteers at "{ $title }" and can check people in.
event-volunteer-already = { $name } is a volunteer already.
event-volunteer-you = 🙌 You volunteer at event #{ $event } "{ $title }" ({ $when }). At the door, check people in with /checkin CODE or /event { $event } attendees.{ $points ->
        [0] {""}
       *[other] { " " }You earn { $points } points when it ends.
    }
event-volunteer-thanks = 🙏 Thank you for helping at "{ $title }"!{ $points ->
        [0] {""}
       *[other] { " " }{ $points } points are yours.
    }
event-closed-ok = Sign-ups for "{ $title }" are closed.
event-cancelled-ok = "{ $title }" is cancelled; everyone signed up was told.
event-cancelled-you = 😔 Sorry: "{ $title }" is cancelled. Reason: { $reason }
event-photo-added = 📷 Photo kept for "{ $title }" ({ $count } in all).
event-swap-recorded = 🔁 Recorded: { $two ->
        [1] { $giver }'s "{ $what }" and { $taker }'s "{ $other }" were swapped
       *[other] { $giver } gave "{ $what }" to { $taker }{ $points ->
            [0] {""}
           *[other] { " " }({ $points } points)
        }
    }.
event-remind-day = ⏰ { $today ->
        [1] Today
       *[other] Tomorrow
    }: "{ $title }"
    🕘 { $when } · 📍 { $place }
    Check-in code: { $code }. Can't come? Tap "Cancel my place" so a neighbour on the waitlist can.
event-remind-soon = ⏰ "{ $title }" starts soon: { $when }, { $place }. Check-in code: { $code }.
button-event-coming = ✅ I'll come
button-event-leave-ok = Yes, cancel
button-event-join-fewer = Sign up { $people } now
button-event-wait-all = All { $people } wait
button-event-show = View
event-leave-ask = Cancel your place at "{ $title }" ({ $when })? It goes to a neighbour on the waitlist.
event-coming = See you there! "{ $title }" { $when }, { $place }. { $status ->
        [waitlist] You are still on the waitlist: I'll tell you as soon as there's a place.
       *[other] Check-in code: { $code }.
    }
event-too-few-places = "{ $title }" has only { $left } places left and you are { $people }. Sign up { $left } now, or all { $people } wait together (places are given in order when someone cancels).
event-series-next = 🔁 The next event of the series is announced: #{ $event } "{ $title }", { $when }. To cancel it: /event { $event } cancel REASON
mine-event = 📅 Event #{ $event } "{ $title }" { $when } · { $place } · { $status ->
        [waitlist] on the waitlist
       *[other] check-in code { $code }
    }
event-feedback-ask = Thank you for coming to "{ $title }"! How was it?
event-stars-kept = { $stars } stars noted, thank you!
event-feedback-thanks = Thank you for your feedback ({ $stars } stars)! The social workers plan the next event with it.
event-ended-workers = 📅 An event has ended. { $report }
event-report-workers = 📊 Event report (with residents' feedback): { $report }
event-report = Event #{ $event } "{ $title }" ({ $when })
    Signed up { $signed }/{ $capacity }, waitlist { $waitlist }, cancelled { $cancelled }
    Checked in { $checked } (walk-ins { $walkins }), no-shows { $noshows } families
    Swap table { $items }, swapped { $swapped } ({ $swaps } swaps recorded)
    Points paid { $points }, volunteers { $volunteers }, photos { $photos }
    Ratings { $ratings }, average { $rating } stars
event-report-next = Wished for next: { $next }
err-event-past = That time has passed: please choose a later day and time.
err-event-unknown = There is no event #{ $event }. Send "events" to see what's coming.
err-event-closed = Event #{ $event } "{ $title }" is not taking sign-ups any more.
err-event-not-joined = You are not signed up for "{ $title }".
err-event-none-joined = You are not signed up for any event.
err-event-which = You signed up for several events; please give its number, e.g. /leave 3:
    { $events }
err-event-leave-late = "{ $title }" has checked you in or is over: it can't be cancelled now.
err-event-bring-join = Please sign up for "{ $title }" first, then register what you bring.
err-event-bring-waiting = You are still on the waitlist of "{ $title }": register what you bring once you have a place.
err-event-item-limit = Each family may bring { $limit } things: you've registered them all.
err-event-theme = This event only takes: { $theme }.
err-event-subcommand = Event commands: /event N attendees, walkin NAME, volunteer NAME, report, close, cancel.
err-checkin-usage = Please give the check-in code, e.g. /checkin K7M3PX
err-checkin-not-staff = Only this event's social workers and volunteers can check people in.
err-swap-not-staff = Only the event's social workers and volunteers, or the thing's owner, can record a swap.
err-event-volunteer-usage = Please give the volunteer's name, e.g. /event { $event } volunteer Mary
err-event-cancel-reason = Please give a reason (residents are told), e.g. /event { $event } cancel the hall is closed
err-swap-usage = To record a swap: /swap #12 #15 (two things swapped), or /swap #12 NAME (given to someone).
err-swap-not-event = #{ $id } is not on an event's swap table.
err-swap-taken = #{ $id } has been swapped already.
err-feedback-not-attended = Only residents who checked in can give feedback on this event.
err-feedback-given = You gave feedback on this event already, thank you!

## Finding and matching
match-offer-for-you = 🔔 You were looking for "{ $wanted }": a neighbour offers #{ $id } "{ $title }"{ $points ->
        [0] { " " }(free)
       *[other] { " " }({ $points } points)
    }. Tap below to see it.
match-seekers-told = { $count } neighbours were looking for something like "{ $title }": they have been told.
match-offers-title = For your request "{ $title }", neighbours already offer:
match-offer-line = { $n }. #{ $id } "{ $title }" { $points ->
        [0] free
       *[other] { $points } points
    }
button-claim-n = { $n }. See "{ $title }"
find-title = { $count ->
        [one] One thing found
       *[other] { $count } things found
    } for "{ $query }":
browse-title = What neighbours offer lately:
find-line = { $n }. #{ $id } "{ $title }" { $points ->
        [0] free
       *[other] { $points } points
    } · { $owner } ({ $community })
find-hint = Reply with a number to see one.
button-find-pick = { $n }. { $title }
button-find-more = ▶ More (next page)
find-none = Nothing like "{ $query }" yet. Shall I post a request in your group for you? (To give one away, send "give something".)
browse-none = Nothing is on offer in your group right now.
button-find-ask = 🙋 Post a request
find-picked = #{ $id } "{ $title }", offered by { $owner }, { $points ->
        [0] free
       *[other] { $points } points
    }. Do you want it?
button-find-claim = ✅ I want this one
button-wish-add = 🔔 Tell me when there is
wish-added = 🔔 OK: I'll tell you privately when someone offers "{ $text }" (until { $date }). Send /alert to see or cancel.
wish-none = You have no alerts. Send "alert me stroller" and I'll tell you when there is one.
wish-list-title = 🔔 Your alerts (I'll tell you privately):
wish-line = { $n }. { $text } (until { $date })
button-wish-off = ✖ Stop: { $text }
wish-ended = OK, that alert is cancelled.
err-wish-too-many = At most { $max } alerts: please cancel one first (/alert).
err-wish-empty = Please say what you want, e.g. alert me stroller
button-match-see = 👀 See it
button-find-back = ↩ Back to the list
match-request-still = Do you still need your request #{ $id } "{ $title }"? If you have it now, take it down so neighbours stop offering.
button-request-done = ✅ Got it, take it down
card-priority = 🤝 First for neighbours in need; open to all from { $at }
priority-wait = #{ $id } "{ $title }" is donated: it goes first to neighbours in need, and is open to all from { $at }. Shall I tell you then?
priority-cap = You have had { $cap } priority things this week: leave a chance to other neighbours. #{ $id } "{ $title }" is open to all from { $at }; shall I tell you then?
button-priority-wait = 🔔 Tell me when it opens
priority-wait-ok = OK, I'll tell you when it opens.
priority-open = 🔔 #{ $id } "{ $title }" is now open to everyone.
priority-first = 🤝 Something donated, shown to you first: #{ $id } "{ $title }"{ $points ->
        [0] { " " }(free)
       *[other] { " " }({ $points } points)
    }; until { $at } only neighbours in need can claim it.
priority-you-on = Social worker { $worker } gave you priority: donated things are shown to you first. Only the social workers know.
priority-you-off = Social worker { $worker } ended your priority.
priority-marked = { $name } now has priority (review on { $review }); recorded.
priority-unmarked = { $name }'s priority has ended; recorded.
priority-list-title = 🤝 Residents with priority (seen by social workers only):
priority-list-line = { $name } · { $community } · { $reason } · review { $review }
priority-list-none = None yet. /priority NAME on REASON (the certificate seen) REVIEW-DATE
err-priority-usage = Usage: /priority NAME on REASON REVIEW-DATE (e.g. 2027-06-01), or /priority NAME off, or /priority to list them.
err-priority-reason = Please give the reason (the certificate seen), e.g. /priority Mary on disability card 2027-06-01
card-status-reserved-quiet = ⏳ A neighbour has asked for it; waiting for the owner

## Suggestions, only with consent
recommend-status-off = 🎯 Weekly suggestions: off.
    When on, I keep what you search for and claim (only to suggest things to you; no neighbour or social worker sees it) and send you up to { $count } fitting offers a week. Kept for { $days } days.
    Turn it off any time; /forget deletes what was kept. Kept now: { $kept }.
recommend-status-on = 🎯 Weekly suggestions: on. I keep { $kept } of your searches and claims (for { $days } days, only for your suggestions) and send up to { $count } a week.
    "recommendations off" stops it; /forget deletes what was kept.
recommend-on = ✅ Weekly suggestions are on. From now on I keep what you search for and claim (only to suggest things to you) and send you up to { $count } a week. "recommendations off" stops it; /forget deletes what was kept.
recommend-off = OK, weekly suggestions are off: nothing more is kept. { $kept ->
        [0] Nothing was kept.
        [one] One search or claim kept before is still there: tap below to delete it.
       *[other] { $kept } searches and claims kept before are still there: tap below to delete them.
    }
button-recommend-on = ✅ Turn suggestions on
button-recommend-off = 🔕 Turn suggestions off
button-forget = 🗑 Delete what was kept
forget-done = 🗑 Deleted: { $interests ->
        [one] one search or claim
       *[other] { $interests } searches and claims
    } and { $suggestions ->
        [one] one suggestion
       *[other] { $suggestions } suggestions
    }.
forget-done-still-on = 🗑 Deleted: { $interests ->
        [one] one search or claim
       *[other] { $interests } searches and claims
    } and { $suggestions ->
        [one] one suggestion
       *[other] { $suggestions } suggestions
    }. Suggestions are still on, so new searches will be kept; tap below to turn them off.
usage-recommend = Usage: "recommendations on" or "recommendations off"; "recommendations" alone shows the setting.
suggest-title = 🎯 This week's suggestions (you turned them on; only you see this):
suggest-line-searched = { $n }. #{ $id } "{ $title }" { $points ->
        [0] free
       *[other] { $points } points
    } — you searched for "{ $because }"
suggest-line-claimed = { $n }. #{ $id } "{ $title }" { $points ->
        [0] free
       *[other] { $points } points
    } — you claimed "{ $because }"
suggest-footer = Reply with a number to see one.
err-priority-review = Please give a review date in the future, e.g. /priority Mary on disability card 2027-06-01. I'll remind you on that day.
priority-off-reason = priority ended
err-priority-not-marked = { $name } has no priority now.
priority-review-due = 🗓 { $name }'s priority is due for review today ({ $review }; reason: { $reason }). To keep it: /priority { $name } on REASON NEW-DATE; to end it: /priority { $name } off. It stays on until you decide.
a-neighbour = a neighbour
menu-find = Find something or ask for help
flow-find = Find something
dlg-find-what = What are you looking for? Just its name, e.g. reading glasses
err-wish-twice = You already have a wish for "{ $text }"; I'll tell you when one comes.

## The workers' desk
stats-text = 📊 { $community } · { $period }
    Residents { $residents } ({ $new } new, { $active } active)
    Posted: { $offers } offers (items { $offers_item } · help { $offers_service } · skills { $offers_skill }); { $requests } requests (items { $requests_item } · help { $requests_service } · skills { $requests_skill })
    Hand-overs done { $handovers }, loans { $loans }
    Points: { $moved } moved in hand-overs, { $issued } newly issued; pool now { $pool }
    Reports: { $reports_opened } new, { $reports_settled } settled, { $reports_open } open
    Disputes: { $disputes_opened } new, { $disputes_settled } settled (on average { $dispute_hours } h), { $disputes_open } open
    Events { $events }: { $signed_up } signed up, { $checked_in } checked in
chart-title = { $community }  { $period }
chart-offers = Offers
chart-requests = Requests
chart-handovers = Hand-overs
chart-loans = Loans
chart-new = New
chart-active = Active
chart-checked-in = Check-ins
chart-count = count
export-sent = 📄 { $community } · { $period }: { $count } CSV files (listings, hand-overs, ledger, events, attendance, survey answers). Residents by display name only, no phone numbers.
err-desk-period = I couldn't read the period (the first date must come before the second). Try: this week, last week, this month, last month, this year, last 30 days, or 2026-11-01 2026-11-30.
err-desk-community = None of your communities has "{ $name }" in its name. (Periods: this week, last week, this month, last month, this year, last 30 days, or 2026-11-01 2026-11-30.)
audit-title = 🧾 The latest { $count } worker actions:
audit-none = Nothing recorded yet.
audit-line = { $at } { $who } · { $what } · { $whom }{ $points } · { $why } ({ $community })
audit-points = {" "}({ $points } points)
audit-grant = grant
audit-subsidy = subsidy
audit-adjust = adjustment
audit-reverse = reversal
audit-donation = donation to the pool
audit-setpoints = points changed
audit-priority_on = priority on
audit-priority_off = priority off
audit-simple_on = simple mode on
audit-simple_off = simple mode off
audit-addworker = worker added
audit-removeworker = worker removed
audit-approve = approved
audit-reject = rejected
audit-verify = verified at home
audit-event_created = event created
audit-event_cancelled = event cancelled
audit-event_checkin = event check-in
audit-event_volunteer = event volunteer
audit-dispute_open = dispute opened
audit-dispute_take = dispute taken
audit-dispute_ask = asked for more
audit-setup = made a worker
digest-title = 🗓 Weekly digest (the last 7 days)
flow-feedback = Feedback
dlg-feedback-text = Please write the problem or suggestion; a social worker will see it and answer you.
usage-feedback = Write the problem or suggestion after /feedback, e.g. /feedback the QR code in the group won't scan
ticket-card-feedback = 💬 Feedback #{ $ticket } · { $community }
    { $name }: { $text }
ticket-opened-feedback = Thank you for your feedback (#{ $ticket }); it went to the social workers. { $who }
ticket-card-emergency = 🆘 Needs help #{ $ticket } · { $community }
    { $name }: { $text }
ticket-opened-emergency = 🆘 Passed to the social workers (#{ $ticket }). { $who } In danger, call 110 / 120 now.

## Emergencies
usage-emergency = Usage: /emergency MESSAGE (2 characters or more); to ask who has things, add "| generator, wheelchair, medicines". /emergency shows the tally, /emergency end closes it.
err-emergency-open = "{ $community }" already has an emergency notice open. /emergency shows its tally; /emergency end closes it first.
err-emergency-over = This emergency notice is over. If you need help, send "social worker".
emergency-notice = 🆘 Emergency notice (social worker { $worker }): { $text }
    Please tap to say you are safe. If you need help, tap "I need help" and a social worker will contact you privately; only social workers see your answer.
emergency-rollcall-simple = If you have { $items } at home, reply like "I have { $first }".
emergency-rollcall = 📋 Who has: { $items }? Tap if you do (only social workers see it).
button-emergency-safe = ✅ I'm safe
button-emergency-need = 🆘 I need help
button-emergency-help = 🙋 I can help
emergency-answered-safe = Thank you: you are safe.
emergency-answered-need-short = Heard: passed to the social workers.
emergency-answered-need = Got it: a social worker will contact you privately soon. In danger, call 110 / 120 now.
emergency-answered-help = Thank you! A social worker will contact you.
emergency-has-noted = Noted: you have { $item }. A social worker will contact you if needed.
emergency-ticket-text = Emergency "{ $text }": tapped "I need help"
emergency-sent = 🆘 The emergency notice went to: { $communities }. The tally updates live; in { $minutes } minutes you get the residents who have not answered, to call them.
emergency-tally = 🆘 Emergency #{ $id } · { $community } · { $status }
    { $text }
    ✅ safe { $safe } · 🆘 need help { $need } · 🙋 can help { $help } · no answer { $none }
emergency-status-open = open
emergency-status-closed = closed
emergency-need-list = Need help: { $names }
emergency-need-taken = { $name } ({ $time }, taken by { $worker })
emergency-need-done = { $name } ({ $time }, ✅ done by { $worker })
emergency-help-list = Can help: { $names }
emergency-item-line = { $item }: { $count } households{ $count ->
        [0] {""}
       *[other] {" "}({ $names })
    }
emergency-none = No emergency notice is open.
emergency-over = ✅ The emergency is over: { $text }. Thank you all!
emergency-call-list = 📞 Emergency #{ $id }: after { $minutes } minutes { $count } residents have not answered; please call them: { $names }
emergency-all-answered = ✅ Emergency #{ $id }: every resident has answered.
audit-emergency = emergency notice
audit-emergency_end = emergency closed
needs-title = 🔥 Asked for and not found in the last 30 days ({ $community }), against the 30 days before:
needs-none = No unmet requests in the last 30 days.
needs-other = other
needs-line = { $n }. { $category } { $count } { $arrow } (before: { $before }): { $titles }
needs-forecast = 📈 Next 30 days: about { $next } unmet requests (the mean of the last two periods; tested the same way on the past { $windows } periods, mean error ±{ $error }).
needs-forecast-short = 📈 Next 30 days: about { $next } (too little history to test the error yet).
ticket-raised-emergency = ⏰ 🆘 Needs help #{ $ticket } ({ $name }, { $community }): nobody has taken it for { $minutes } minutes; please call now.
emergency-ticket-typed = Emergency "{ $text }": { $where ->
    [group] wrote in the group
   *[private] wrote privately
} "{ $typed }"
emergency-ended = Closed: { $communities }.{ $waiting ->
        [0] {""}
       *[other] {" "}{ $waiting } need-help requests are still open: please follow them up.
    }
audit-dispute_compensated = dispute: compensated
audit-dispute_refunded = dispute: refunded
audit-dispute_dismissed = dispute: dismissed
audit-report_upheld = report upheld
audit-report_dismissed = report dismissed
audit-report_warned = report: warned
audit-ticket_taken = ticket taken
audit-ticket_done = ticket done

## Needs surveys
usage-poll = Usage: /poll QUESTION? option 1 / option 2 / option 3 (2–10 options), or /poll QUESTION | option 1 | option 2. Note: polls are not anonymous — group members can see in Telegram who voted for what; ask sensitive things with a /survey questionnaire (only workers see it).
usage-survey = Usage: /survey TITLE | QUESTION 1? option 1 / option 2 | QUESTION 2 (a question with no options gets written answers). One question per line works too. /survey lists them, /survey N shows results, /survey N end closes one.
err-survey-question = Each question needs at least 2 characters.
err-survey-long = A question may have up to 300 characters, an option up to 100.
err-survey-options = A question may have at most 10 options.
err-survey-same = The option "{ $option }" appears twice; please change one.
err-survey-many = A questionnaire may have at most 20 questions.
err-survey-unknown = I can't find that survey (or it is not in a community you serve). Send /survey for the list.
err-survey-closed = This survey has ended. Thank you!
err-survey-is-poll = That is a poll in the group: please vote on it there.
err-survey-pick = Please reply with a number from 1 to { $max }, or tap a button; "skip" leaves it out.
err-survey-answer-long = Please keep your answer under { $max } characters.
poll-sent = 📊 Poll #{ $id } sent to "{ $community }". One vote each (a changed vote counts as the newest); I never post the results in the group — see them with /survey { $id }. Note: the poll is not anonymous; group members can see in Telegram who voted for what.
survey-sent = 📋 Questionnaire #{ $id } sent to "{ $community }"; residents tap the button and answer privately, one question at a time. Results: /survey { $id }; close it: /survey { $id } end
survey-notice = 📋 Social worker { $worker } would like to hear from you: "{ $title }" ({ $count } questions)
    Tap the button below to answer privately; only social workers see your answers.
survey-notice-private = 📋 A questionnaire from social worker { $worker }: "{ $title }" ({ $count } questions)
    Reply 1 to start. Answer choices with a number, the others in a few words.
button-survey-fill = 📝 Fill it in
survey-none-open = There is no questionnaire for you right now. Thank you!
survey-open-list = These questionnaires are waiting for you; reply with a number to start:
survey-already = You have already answered "{ $title }". Thank you! Everyone answers once.
survey-thanks = Thank you! "{ $title }" is done; your answers went to the social workers and only they can see them.
survey-question = 📋 { $title } · question { $n } of { $count }
    { $question }
survey-write = Please write your answer; reply "skip" to leave it out.
survey-pick = Reply with a number from 1 to { $max }, or tap a button; "skip" leaves it out, "cancel" to finish another time.
survey-poll-closed = Poll closed: { $title }
survey-list-title = 📋 Surveys and polls (newest first):
survey-list-empty = None yet. Send /poll QUESTION? option / option for a poll, or /survey TITLE | QUESTION | QUESTION for a questionnaire.
survey-list-line = #{ $id } { $kind ->
        [poll] 📊 poll
       *[form] 📋 questionnaire
    } · { $title } · { $community } · { $people } answered · { $open ->
        [yes] open
        [draft] draft (not sent)
       *[no] closed
    }
survey-list-hint = /survey N for results (with charts and a CSV file), /survey N end to close
survey-results-title = { $kind ->
        [poll] 📊 Poll
       *[form] 📋 Questionnaire
    } #{ $id } · { $title } · { $community }
    { $people } answered · { $open ->
        [yes] open
        [draft] draft (not sent)
       *[no] closed
    } (results for workers only)
survey-results-finished = Answered every question: { $count }
survey-results-no-words = (nothing written yet)
survey-results-more = …{ $count } more in the CSV file
chart-people = People
err-poll-options = A poll needs at least 2 options, separated by "/", e.g. /poll Which day? Saturday / Sunday
err-survey-one-option = "{ $question }" has only one option after its question mark. Separate options with "/" (e.g. yes / no); for a written answer, end the question with the question mark.
err-survey-title = A questionnaire starts with its title, e.g. /survey Needs check | Do you live alone? yes / no | Any suggestions?
err-survey-sent-already = That questionnaire was already sent or dropped. Send /survey for the list.
err-survey-closed-worker = #{ $id } has already ended. Send /survey { $id } for its results.
survey-preview = 📋 Preview: "{ $title }", to be sent to { $communities }
    This is how I read each question (options after →; "written answer" means residents write their own):
survey-preview-words = written answer
button-survey-publish = 📤 Send to the group
button-survey-discard = 🗑 Don't send
survey-discarded = OK, that questionnaire was not sent.
survey-answered-before = You already answered that question.
poll-private = 📊 Social worker { $worker } asks everyone: { $question }
    Please reply with a number (see the buttons below).
poll-thanks = Thank you! Your choice is noted; only the social workers see the count.
survey-form-closed = 📋 The questionnaire "{ $title }" has ended. Thank you all!
survey-cancelled = OK, we stop here; your answers so far are kept. Send "survey" to go on.
survey-timeout = The questionnaire stops here for now; your answers so far are kept. Send "survey" to go on.
audit-survey = survey or poll sent
audit-survey_close = survey or poll closed
poll-preview = 📊 Poll preview, to be sent to { $communities }
    Question: { $question }
    Options: { $options }
    Note: polls are not anonymous; group members can see in Telegram who voted for what. Ask sensitive things with a /survey questionnaire.
flow-paused = (What you were doing has stopped: send "menu" to start again; a questionnaire half-done keeps your answers, send "survey" to go on.)

## The parser's unsure outcome
unsure-hint = 👀 I wasn't sure whether your message in “{ $group }” was something to give, lend or ask for, so I posted no card.
    If it was, reply to your own message in the group with /offer (giving or lending) or /want (asking or borrowing), or just 出 or 求.
