# Generated from zh-CN/linli.ftl with OpenCC s2tw (scripts/zh-hant.py); edit zh-CN and run the
# script again rather than editing this file by hand.
# Linli messages, Simplified Chinese (the default locale).
# Keys are prefixed by feature. Every key here must also exist in ../en/linli.ftl.

## Group cards
card-offer = 🎁 #{ $id } 出：{ $title }
card-request = 🙋 #{ $id } 求：{ $title }
card-borrow = 🙋 #{ $id } 求借：{ $title }
card-borrow-days = 借 { $days } 天
card-hours = 約 { $hours } 小時
card-minutes = 約 { $minutes } 分鐘
card-lend = 🔁 #{ $id } 借出：{ $title }
card-lend-days = 可借 { $days } 天
card-points = { $points } 積分
card-free = 免費
card-owner = 發佈人：{ $name }
card-status-reserved = ⏳ { $name } 已預約，等發佈人確認
card-status-accepted = 🤝 { $giver } 和 { $receiver } 正在約交接
card-status-done-offer = ✅ 已送出：{ $giver } → { $receiver }
card-status-done-request = ✅ 已完成：{ $giver } 幫了 { $receiver }
button-claim-offer = 🙋 我想要
button-claim-request = 🤝 我能幫忙

condition-new = 全新
condition-like_new = 九成新
condition-good = 八成新
condition-fair = 有使用痕跡
condition-poor = 需修理

## Claiming and the hand-over (private)
claim-to-owner-offer = { $name } 想要你的 #{ $id }「{ $title }」{ $points ->
    [0] （免費）
   *[other] ，{ $points } 積分已暫存
}。同意嗎？（{ $date } 前不回覆，會自動取消）
claim-to-owner-request = { $name } 可以幫你解決 #{ $id }「{ $title }」（{ $points } 積分）。同意嗎？（{ $date } 前不回覆，會自動取消）
button-accept = ✅ 同意
button-decline = ❌ 婉拒
claim-sent-held = 已通知 { $name }。{ $points } 積分已為你暫存，對方同意後請約好交接。
claim-sent = 已通知 { $name }，等對方回覆。
decline-to-claimer-refund = { $name } 這次婉拒了 #{ $id }「{ $title }」，暫存的 { $points } 積分已退回給你。
decline-to-claimer = { $name } 這次婉拒了 #{ $id }「{ $title }」。
decline-done = 已婉拒，#{ $id } 重新開放給鄰居們。
request-unpaid-toast = 積分不夠，求助已重新開放
request-unpaid-owner = 你現在可用 { $balance } 積分，不夠支付 #{ $id }「{ $title }」的 { $points } 積分。求助已重新開放，已告訴對方；可以請社工幫忙，或重新發一個少些積分的求助。
request-unpaid-helper = { $name } 現在積分不夠，暫時付不了 #{ $id }「{ $title }」的 { $points } 積分，這次求助已重新開放。謝謝你願意幫忙！
accept-to-giver = 你和 { $name } 約定了 #{ $id }「{ $title }」。{ $what ->
        [help] 請約好時間，幫完後點“我已幫完”
       *[item] 請約好時間地點交接，交給對方後點“我已交給對方”
    }；{ $points ->
        [0] 對方確認後就完成了
       *[other] 對方確認後 { $points } 積分轉給你
    }（最晚 { $date } 自動完成）。
accept-to-receiver = { $kind ->
        [request] 你同意了 { $name } 來幫你：#{ $id }「{ $title }」。
       *[offer] { $name } 同意了 #{ $id }「{ $title }」！
    }{ $what ->
        [help] 請和 { $name } 約好時間，幫完後點“已經幫完了”
       *[item] 請和 { $name } 約好交接，收到後點“我已收到”
    }{ $points ->
        [0] 。
       *[other] ，暫存的 { $points } 積分轉給對方。
    }沒問題的話 { $date } 自動完成；{ $what ->
        [help] 有變化可以回覆“撤回 { $id }”取消。
       *[item] 沒收到可以回覆“撤回 { $id }”取消。
    }
button-confirm = 📦 我已收到
button-confirm-help = ✅ 已經幫完了
confirm-to-giver = { $name } { $what ->
        [help] 確認你幫完了
       *[item] 確認收到了
    } #{ $id }「{ $title }」{ $points ->
        [0] 。
       *[other] ，{ $points } 積分已轉給你。
    }{ $what ->
        [help] 謝謝你的幫助！
       *[item] 謝謝你的分享！
    }
confirm-to-receiver = { $what ->
        [help] 完成了！
       *[item] 交接完成！
    }{ $points ->
        [0] #{ $id }「{ $title }」是 { $name } 免費{ $what ->
            [help] 幫的
           *[item] 送的
        }，記得謝謝 TA。
       *[other] #{ $id }「{ $title }」的 { $points } 積分已轉給 { $name }。
    }

## Points
points-title = 💰 我的積分
history-title = 📒 積分明細（最近的記錄）
points-none = 你還沒有加入鄰里群。在群裡說句話就加入啦。
points-balance-line = { $community }：可用 { $balance } 積分，暫存 { $held } 積分
memo-starter = 新鄰居積分
memo-hold = 付出：{ $title }
memo-release = 交接：{ $title }
memo-refund = 退回：{ $title }
memo-grant = 社工發放：{ $title }
memo-adjust = 調整：{ $title }
memo-reverse = 衝正：{ $title }

## Getting started
start-welcome = 你好 { $name }！我是鄰里，幫鄰居們互送閒置、互借東西、互相幫忙。
help-text = 在群裡直接寫“出閒置：兒童自行車，八成新，30積分”或“求借電鑽 週末用”，我會發卡片。
    /offer 東西 —— 發佈閒置
    /want 東西 —— 發佈求助
    /points 或“積分” —— 查積分
    /lang —— 換語言
    “菜單” —— 主菜單（發佈、借出、評價、舉報、求助社工…）
    “舉報” / “投訴” —— 舉報不實信息 / 交接出了問題，社工來處理
    “代辦” —— 讓家人或社工替你操作
    “請社工聯繫我”、“問題反饋” —— 找社工、提問題或建議
    “活動” —— 近期的交換會，回覆數字報名；“取消報名”
    “我想要老花鏡”、“看看有什麼” —— 找鄰居送的東西；“提醒我 嬰兒車” —— 有了私信告訴你
    “推薦 開” —— 每週私信推薦幾件（你同意才記錄搜索）；“推薦 關”；“刪除記錄”
    “問卷” —— 填寫社工發的需求問卷（回覆數字就行）
help-worker-text = 社工命令：
    /newevent 或“發起活動” —— 辦交換會；/event 編號 名單、現場、志願者 名字、報告、截止、取消
    /checkin 簽到碼 —— 簽到；/swap #12 #15 —— 記錄交換
    /grant、/subsidy、/adjust、/reverse、/donation、/setpoints、/pool —— 積分（都要寫原因）
    /verify、/compensate、/addworker、/removeworker、/simple 名字 on —— 審核、糾紛、人員、簡單模式
    /stats 本月、/export 上月、/needs、/audit —— 統計圖、導出 CSV、熱門需求、操作記錄；/priority 名字 on 原因 複核日期 —— 優先領取
    /emergency 通知內容 | 發電機, 輪椅 —— 緊急通知和報平安；/emergency 結束
    /poll 問題？ 選項1 / 選項2 —— 群裡發投票；/survey 標題 | 問題1？ 選項 / 選項 | 問題2 —— 私聊填寫的問卷；/survey 看列表，/survey 編號 看結果，/survey 編號 結束
help-group = 在群裡寫“出閒置：…”或“求借…”，我會發卡片；私聊我發“積分”查積分。
dlg-prefill-refused = 你寫的「{ $said }」這次用不了：{ $why } 等一下會再問你。
dlg-still-posting = 你還沒發完「{ $what }」。先回答下面的問題，發完再寫新的；不想發了就發“取消”。
private-greeting = { $name }，你好！😊 想送東西、借東西或找人幫忙，直接寫給我就行，比如“出閒置：兒童自行車”“誰能幫我取一下藥”。發“菜單”看看我能做什麼。
private-thanks = 不客氣 😊 有需要隨時找我，發“菜單”看看能做什麼。
private-hint = 我沒看懂這句話。想送東西或找人幫忙，直接寫給我就行，比如“出閒置：兒童自行車”“誰能幫我取一下藥”。發“幫助”看看我能做什麼。
private-help-read = 好的，幫你在鄰里群裡找人幫忙：{ $title }。確認一下就發出去，發“取消”不發。
private-listing-read = 好的，幫你在鄰里群裡發一條：{ $title }。確認一下就發出去，發“取消”不發。
private-other = 收到啦！我暫時只看得懂文字。
private-hint-simple-again = 我沒看懂。請回復下面的數字；發“菜單”回到主菜單。不會用也沒關係：寫“請社工聯繫我”，社工會來幫你。
private-hint-simple = 我沒看懂。請回複數字（不會用的話寫“幫助”，或寫“請社工聯繫我”）：
help-events = 活動報名
help-simple-how = 送東西回覆 1，要東西回覆 2，跟著問題回答就行。
    想參加活動，發“活動”，再回複數字。
    有困難，發“請社工聯繫我”。
help-simple-text = 回覆數字就能操作。隨時發“菜單”回到這裡，發“取消”退出。
posted-private = 已在「{ $community }」發佈 #{ $id }。
welcome-group = 歡迎 { $names }！寫“出閒置：…”送東西，寫“求借…”找幫忙。
dm-needed = { $name }，請點下面的按鈕和我私聊一次，我才能把消息發給你。
button-open-private = 💬 打開私聊

## Language
lang-choose = 請選擇語言 / Choose a language
lang-set = 好的，以後我用中文和你說話。
lang-set-hant = 好的，以後我用繁體中文和你說話。

## Refusals and errors
err-private-only = { $command } 請私聊我使用（群裡的消息大家都能看到）。
err-number-range = { $max ->
    [1] 請回復 1，或點下面的按鈕（發“菜單”看主菜單）。
   *[other] 請回復 1–{ $max } 裡的數字，或點下面的按鈕（發“菜單”看主菜單）。
}
err-unknown-command = 抱歉，我不認識 { $command }。發 /help 看看我能做什麼。
err-own-listing = 這是你自己發佈的，不能認領哦。
err-already-yours = #{ $id } 你已經預約了，等對方回覆就好。
err-already-claimed = 抱歉，#{ $id } 已經被別的鄰居預約了。
claim-taken-wait = 抱歉，#{ $id }「{ $title }」已經被別的鄰居預約了。如果對方取消了，要告訴你嗎？
button-tell-reopen = 🔔 重新開放時告訴我
listing-reopened = 🔔 #{ $id }「{ $title }」又可以預約了，先到先得。
err-listing-closed = #{ $id } 已經結束了（撤回、送出或關閉），不能再操作。
err-already-confirmed = 你已經確認收到 #{ $id } 了，不用再點。
err-already-decided = #{ $id } 這個請求已經處理過了。
err-insufficient = 積分不夠：需要 { $points } 積分，你現在可用 { $balance } 積分。
err-request-unaffordable = 你現在可用 { $balance } 積分，不夠支付 { $points } 積分的求助。可以少寫一些積分、寫“免費”，或請社工幫忙。
err-over-limit = 對方的積分已達上限，暫時不能轉入。請聯繫社工。
err-button-expired = 這個按鈕已失效，請看最新的消息。
err-not-for-you = 這個按鈕不是給你的。
err-empty-offer = 請寫上要送的東西，例如：/offer 兒童自行車 八成新 30積分
err-empty-want = 請寫上想要的東西，例如：/want 電鑽 週末用
err-points-range = 積分要在 0 到 { $max } 之間。
err-no-community = 請先在鄰里群裡說句話，我才知道你是哪個社區的。
err-internal = 抱歉，剛才出了點問題，請稍後再試。

## Valuation
card-suggested = 建議 { $points }
err-points-band = { $points } 積分和建議值 { $suggested } 相差太多，請在 { $min }–{ $max } 積分之間，或寫“免費”。社工可以幫你調整。
points-band-clamped = 你寫的 { $points } 積分超出了建議範圍（{ $min }–{ $max }），已按 { $posted } 積分發布。需要調整的話可以請社工幫忙。
memo-subsidy = 公益補貼：{ $title }
memo-donation = 捐贈入池：{ $title }
memo-expire = 積分過期
points-by-worker = （社工 { $name }）

## Social workers
worker-notice = 社工 { $worker } 在「{ $community }」給你 { $amount } 積分：{ $reason }
account-pool = 積分池
err-reverse-of-reverse = 記錄 #{ $id } 本身就是一次衝正，不能再衝正；要改回，請用 /adjust 或 /grant。
worker-notice-take = 社工 { $worker } 在「{ $community }」從你的積分里扣回 { $amount } 積分：{ $reason }
worker-done = 已記錄 #{ $id }：{ $name } { $amount } 積分（{ $reason }）
worker-donation-done = 已記錄 #{ $id }：捐贈 { $points } 積分入池（{ $reason }），積分池現有 { $pool }。
worker-reverse-done = 已衝正 #{ $id }（新記錄 #{ $rid }）：{ $moved } 積分。原因：{ $reason }
worker-setpoints-done = #{ $id } 改為 { $points } 積分，卡片已更新。
worker-pool = 「{ $community }」積分池 { $pool }，至今淨髮行 { $issued }（發放減去收回、過期），暫存中 { $escrow }。（“統計”裡的“新發放”只算所選時段。）
usage-grant = 用法：/grant 名字 積分 原因，例如 /grant 小王 20 打掃樓道
usage-adjust = 用法：/adjust 名字 ±積分 原因，例如 /adjust 小王 -5 重複發放
usage-subsidy = 用法：/subsidy 名字 小時 原因，例如 /subsidy 小王 2 打掃樓道
usage-reverse = 用法：/reverse 記錄號 原因，例如 /reverse 12 發錯了人
usage-setpoints = 用法：/setpoints 物品號 積分 原因，例如 /setpoints 3 15 上門核實後調整
err-not-worker = 這個命令只有社工可以用。
err-not-your-community = 這不是你負責的社區。
err-reason-needed = 請寫上原因，每一筆都要有記錄。
err-amount = 請寫一個積分數，例如 20。
err-hours = 請寫小時數，例如 2 或 1.5。
err-no-such-member = 沒有找到“{ $name }”。可以用名字或數字 ID。
err-no-such-member-near = 沒有找到“{ $name }”。你是說 { $near } 嗎？可以用名字或數字 ID。
err-ambiguous-member = 有好幾位叫“{ $name }”的鄰居，請用數字 ID。
err-pool-empty = 積分池只有 { $balance } 積分，不夠發放。
err-member-too-low = 對方只有 { $balance } 積分，不能扣 { $points }。
err-no-such-transfer = 沒有找到記錄 #{ $id }。
err-not-reversible = 記錄 #{ $id } 屬於交接流程，不能直接衝正；請處理對應的交接。
err-already-reversed = 記錄 #{ $id } 已經衝正過了。
err-no-such-listing = 沒有找到 #{ $id }。
err-listing-not-open = #{ $id } 已被預約或已結束，不能再改積分。
points-expired = 你在「{ $community }」有 { $points } 積分超過 { $days } 天沒有使用，已經過期。

## Withdrawing
card-status-withdrawn = 🚫 發佈人已撤回
card-status-gone-offer = ✅ 發佈人說：已經送出
card-status-gone-request = ✅ 發佈人說：已經解決
card-status-gone-lend = ✅ 發佈人說：已經借出
withdraw-done-gone = 好的，#{ $id }「{ $title }」已標為結束，群裡的卡片也更新了。謝謝你！
gone-in-handover = #{ $id }「{ $title }」正在和 { $name } 交接，卡片不用撤。{ $what ->
        [help] 幫完後點“我已幫完”
       *[item] 交給對方後點“我已交給對方”
    }，對方確認就完成了；不想給了可以回覆“撤回 { $id }”。
undo-not-yours = #{ $id }「{ $title }」是 { $name } 發佈的，只有 TA 能撤回。如果卡片有問題，可以寫“請社工聯繫我”。
withdraw-to-claimer = { $name } 撤回了 #{ $id }「{ $title }」，為你暫存的積分（如有）已退回。
takedown-to-claimer = 社工處理舉報後下架了 #{ $id }「{ $title }」，這次交接取消了，為你暫存的積分（如有）已退回。
withdraw-to-owner = { $name } 取消了對 #{ $id }「{ $title }」的預約，已重新開放。
withdraw-done-owner = 已撤回 #{ $id }「{ $title }」。
withdraw-done-claimer = 已取消對 #{ $id }「{ $title }」的預約，退回 { $refund } 積分。
usage-withdraw = 用法：撤回 物品號，例如“撤回 3”（也可以寫 /withdraw 3）
err-not-yours = #{ $id } 不是你發佈或預約的。

## Loans and reminders
card-status-lent = 📦 借給了 { $receiver }，{ $date } 歸還
card-status-returned = ✅ 已歸還：{ $receiver } → { $giver }
card-status-expired = ⌛ 已過期（{ $name } 沒有續期）
loan-started-lender = { $name } 借走了 #{ $id }「{ $title }」，{ $date } 歸還。東西還回來後請點“已歸還”{ $points ->
        [0] 。
       *[other] ，暫存的 { $points } 積分會轉給你。
    }
loan-started-borrower = 你借了 { $name } 的 #{ $id }「{ $title }」，請在 { $date } 前歸還。我會提前提醒你。
button-returned = ✅ 已歸還
button-returned-which = ✅ #{ $id }「{ $title }」已歸還
loan-returned-which = 你借出的東西不止一件，哪一件還回來了？
loan-borrower-says-returned = { $name } 說已經把 #{ $id }「{ $title }」還給你了。收到了請點“已歸還”，暫存的積分會轉給你。
loan-asked-lender = 已告訴 { $name }：#{ $id }「{ $title }」已經還了。對方確認後借用就結束了。
err-no-loan = 你現在沒有借出或借來的東西。
err-nothing-to-hand = 你現在沒有等著交給鄰居的東西。同意了鄰居的預約後，交接時點「我已交給對方」，或者回復“給了”。
button-extend = ⏳ 想多借幾天
loan-due-soon = 提醒：{ $name } 的「{ $title }」明天（{ $date }）到期，記得歸還哦。
loan-due-today = 提醒：{ $name } 的「{ $title }」今天（{ $date }）到期，記得歸還哦。
loan-overdue = 「{ $title }」已經超過歸還日期 { $days } 天了（{ $date } 到期），請儘快還給 { $name }。
loan-overdue-lender = { $name } 借的「{ $title }」已超過歸還日期 { $days } 天，我已提醒對方。東西還回來後請點“已歸還”。
reminder-late = （補發）
loan-escalated = ⚠️ 社區「{ $community }」：{ $borrower } 借 { $lender } 的 #{ $id }「{ $title }」已逾期 { $days } 天，請社工跟進。
loan-returned-borrower = { $name } 確認收到了歸還的 #{ $id }「{ $title }」，借用結束，謝謝！
loan-returned-lender = 已確認歸還。{ $points ->
        [0] 謝謝你借給鄰居！
       *[other] #{ $id }「{ $title }」的 { $points } 積分已轉給你。
    }
loan-lend-again = #{ $id }「{ $title }」又可以借了，群裡的卡片已恢復按鈕。不想再借出，點「撤回」。
loan-extend-ask = { $name } 想把「{ $title }」多借 { $days } 天，同意嗎？
loan-extend-asked = 已問 { $name }，等對方回覆。
loan-extend-ok = { $name } 同意了，「{ $title }」改為 { $date } 歸還。
loan-extend-done = 好的，新的歸還日期是 { $date }。
loan-extend-no = { $name } 這次沒有同意延期「{ $title }」，請按時歸還。
err-extension-pending = 已經在等對方回覆延期了。
nudge-receiver = 提醒：#{ $id }「{ $title }」已經約好 { $days } 天了。{ $what ->
        [help] 幫完了就點“已經幫完了”；
       *[item] 收到了就點“我已收到”；
    }{ $date } 會自動完成。沒收到可以回覆“撤回 { $id }”取消，積分退回。
nudge-giver = 提醒：#{ $id }「{ $title }」已經約好 { $days } 天了，{ $what ->
        [help] 幫 { $name } 的忙幫完了嗎？幫完後點“我已幫完”；
       *[item] 和 { $name } 交接了嗎？交給對方後點“我已交給對方”；
    }{ $date } 會自動完成。
listing-check = #{ $id }「{ $title }」還在嗎？不續期的話 { $date } 會自動下架。
button-renew = 👍 還在
button-withdraw = 🚫 撤回
listing-renewed = 好的，#{ $id } 繼續展示。
listing-expired = #{ $id }「{ $title }」沒有續期，已自動下架。想再發可以重新寫一條。
topic-post = 🗓 本週話題：{ $topic }
statement-title = 📊 積分月報（{ $date }）
statement-line = { $community }：餘額 { $balance }，近一個月獲得 { $earned }，使用 { $spent }
statement-on = 好的，每月 1 號給你發積分月報。發 /statement off 可以關掉。
statement-off = 已關閉積分月報。
usage-statement = 用法：/statement on 或 /statement off
reminders-none = 你現在沒有待發的提醒。
reminders-title = 你有 { $count } 條待發的提醒：
reminder-loan-due-soon = 借用明天到期
reminder-loan-due = 借用今天到期
reminder-loan-overdue = 借用逾期提醒
reminder-loan-escalate = 逾期告知社工
reminder-handover-nudge = 交接提醒
reminder-listing-check = 問問物品還在嗎
reminder-listing-expire = 物品自動下架
reminder-topic = 每週話題
reminder-statement = 積分月報
button-snooze = ⏰ 推遲一天
button-stop = 🔕 不再提醒
reminder-snoozed = 已推遲一天。
reminder-stopped = 這條提醒已取消。

## Ratings and credit
rate-ask = 給 { $name } 在「{ $title }」這次交接中的表現打個分吧（只有社工能看到）：
rate-thanks = 謝謝評價（{ $score }⭐）！
err-already-rated = 這次交接你已經評價過了。
points-credit = 信用分：{ $credit }

## Dialogs (dialogs/*.toml): prompts, buttons and answers
menu-title = 主菜單：回覆數字，或點下面的按鈕。
menu-offer = 送東西
menu-request = 我想要 / 求助
menu-lend = 借出東西
menu-points = 我的積分
menu-mine = 我的
menu-rate = 評價鄰居
menu-report = 舉報信息
menu-dispute = 交接有問題
menu-help = 幫助
menu-no-such = 沒有這一項。
flow-offer = 送東西
flow-request = 我想要 / 求助
flow-lend = 借出東西
flow-rate = 評價鄰居
flow-report = 舉報信息
flow-dispute = 交接有問題
flow-language = 切換語言
flow-help = 幫助
dlg-community = 發到哪個鄰里群？
dlg-offer-what = 你想送出什麼？寫個名字就好，比如：兒童自行車
dlg-offer-resource = 「{ $what }」是東西、幫忙，還是手藝？
opt-item = 📦 東西
opt-service = 🤝 幫忙（跑腿、照看…）
opt-skill = 🛠 手藝（修理、輔導…）
dlg-category = 屬於哪一類？
cat-kids = 兒童用品
cat-books = 書
cat-clothing = 衣物
cat-kitchen = 廚房用品
cat-appliances = 家電
cat-electronics = 電子產品
cat-furniture = 傢俱
cat-tools = 工具
cat-sports = 運動用品
cat-other = 其他
cat-garden = 園藝
cat-food = 食物
dlg-condition = 有幾成新？
dlg-hours = 大約要幾個小時？回覆數字，比如 2 或 半小時
dlg-photos = { $count ->
    [0] 請發照片，最多 { $max } 張，從不同角度拍。{ $min ->
        [0] 沒有照片就點「跳過」。
       *[other] 至少 { $min } 張。
    }
   *[other] 已收到 { $count } 張（最多 { $max } 張）。還可以再發，發完點「完成」。
}
dlg-points = { $simple ->
    [1] 建議 { $suggested } 積分：回覆 1 就用這個，回覆 2 免費；想要別的，寫“8積分”這樣（{ $min }–{ $max }）。
   *[other] 建議 { $suggested } 積分。你想要多少？可以在 { $min }–{ $max } 之間，0 就是免費。
}
dlg-bad-points = 積分要在 { $min }–{ $max } 之間（建議 { $suggested }），或者 0 表示免費。
dlg-offer-confirm = 發佈「{ $what }」{ $duration }，{ $points ->
        [0] 免費
       *[other] { $points } 積分
    }？
dlg-request-what = 你需要什麼？寫個名字就好，比如：電鑽
dlg-request-resource = 「{ $what }」是東西、幫忙，還是手藝？
dlg-duration = （{ $duration }）
dlg-request-points = { $simple ->
    [1] 建議給 { $suggested } 積分：回覆 1 就給這麼多，回覆 2 不給積分；想給別的，寫“8積分”這樣（{ $min }–{ $max }）。
   *[other] 建議 { $suggested } 積分。你願意給多少？{ $min }–{ $max }，0 就是不給積分。
}
dlg-request-confirm = 發佈求助「{ $what }」{ $duration }，{ $points ->
        [0] 不給積分
       *[other] 給 { $points } 積分
    }？
dlg-lend-what = 你想借出什麼？寫個名字就好，比如：電鑽
dlg-return = 什麼時候要還回來？比如：12月20日、下週六、7天
dlg-bad-date = 沒看懂這個日期。請寫 { $first } 到 { $last } 之間的日子，比如 12月20日 或 7天。
dlg-lend-confirm = 借出「{ $what }」，{ $return } 前還，{ $points ->
        [0] 免費
       *[other] { $points } 積分
    }？
dlg-rate-which = 評價哪一次交接？
dlg-rate-stars = 給幾顆星？
stars-5 = ⭐⭐⭐⭐⭐ 很好
stars-4 = ⭐⭐⭐⭐ 好
stars-3 = ⭐⭐⭐ 一般
stars-2 = ⭐⭐ 不太好
stars-1 = ⭐ 很差
dlg-rate-comment = 想說一句評語嗎？直接回覆文字，或點「跳過」。
rate-comment-thanks = 謝謝，評語已記下。
rate-comment-skipped = 好的，不寫評語了。謝謝你的評價！
dlg-report-which = 舉報哪一條？點按鈕，或回覆編號，比如 #12
dlg-report-reason = 哪裡不對？
reason-fake = 虛假信息
reason-points = 積分不合理
reason-unsafe = 不安全 / 違禁
reason-other = 其他
dlg-report-details = 還想補充什麼嗎？直接回復，或點「跳過」。
dlg-dispute-which = 哪一次交接有問題？
dlg-dispute-reason = 發生了什麼？請簡單說說。
dlg-dispute-photos = 有照片的話請發過來（最多 { $max } 張），已收到 { $count } 張。沒有就點「跳過」。
dlg-dispute-confirm = 提交給社工處理嗎？相關積分會先凍結。
dlg-lang = 請選擇語言 / Choose a language
opt-zh = 中文
opt-zh-hant = 繁體中文
opt-en = English
dlg-help = 需要什麼幫助？
help-how = 怎麼用
help-worker = 請社工聯繫我
help-simple = 簡單模式 開/關
help-lang = 切換語言
dlg-yes = ✅ 是
dlg-no = ❌ 否
dlg-done = ✅ 完成
dlg-skip = ⏭ 跳過
dlg-back = ↩ 返回
dlg-cancel = ✖ 取消
dlg-use-suggested = 👍 { $points } 積分
dlg-free = 🆓 免費
dlg-cancelled = 好的，已取消。
dlg-not-posted = 好的，沒有發佈。
dlg-nothing-to-cancel = 現在沒有要取消的事。
dlg-timeout = 剛才的操作太久沒有回覆，先結束了。需要時發“菜單”重新開始。
dlg-other = 我聽不懂語音和表情，請打字或點按鈕。
dlg-bad-text = 請寫 { $min }–{ $max } 個字。
dlg-words-not-number = 這一步請用文字回答，比如寫東西的名字；不想繼續就回復“取消”。
dlg-bad-choice = 請點按鈕，或回覆 1–{ $max } 的數字。
dlg-bad-hours = 請回復小時數，比如 2、半小時或 1.5（最多 { $max }）。
dlg-bad-number = 請回復 { $min }–{ $max } 之間的數字。
dlg-points-over-balance = 你現在可用 { $balance } 積分，付不起 { $points } 積分。請寫 { $balance } 以內的積分，或寫“免費”。
dlg-bad-yesno = 請回復“是”或“否”。
dlg-bad-photo = { $min ->
    [0] 請發照片（最多 { $max } 張），發完點「完成」；不想發照片就點「跳過」。
   *[other] 請發照片（最少 { $min } 張，最多 { $max } 張），發完點「完成」。
}
dlg-none-unrated = 你沒有要評價的交接。
dlg-none-disputable = 最近 { $days } 天沒有可以投訴的交接。
dlg-none-listings = 你的鄰里群裡現在沒有可以舉報的信息。
err-dialog-old = 這一步已經過去了。
simple-on = 已開啟簡單模式：回覆數字就能操作。
simple-off = 已關閉簡單模式。
mine-title = 📋 我的
mine-listing = #{ $id } { $title }：{ $status ->
        [open] { $kind ->
            [request] 等鄰居響應
           *[other] 等人認領
        }
        [reserved] { $kind ->
            [request] 有鄰居願意幫忙
           *[other] 有人想要
        }
        [accepted] 等交接
        [lent] 已借出
       *[other] { $status }
    }
mine-claim = { $kind ->
        [request] 我來幫 #{ $id } { $title }：{ $status ->
            [pending] 等對方同意
           *[other] 等交接
        }
       *[other] 我想要 #{ $id } { $title }：{ $status ->
            [pending] 等對方同意
           *[other] 等交接
        }
    }
mine-loan = 借來的「{ $title }」，{ $date } 要還
mine-nothing = 現在沒有進行中的事。

## Helpers acting for a resident
acting-mark = 【代 { $name }】
helper-code = 代辦號碼：{ $code }（24 小時內有效）。
    把它告訴你信任的家人或社工，對方發 /actfor { $code } 就能替你操作。發 /helper off 可隨時取消。
helper-revoked = 已取消代辦，{ $count } 位幫手不能再替你操作。
helper-linked = 好的，你可以替 { $name } 操作了：發 /as { $name } 開始，/as off 結束。
helper-linked-resident = { $name } 現在可以替你操作了，每一步都會記在你的明細裡。發 /helper off 可隨時取消。
acting-on = 現在起你替 { $name } 操作，回覆都會標明。發 /as off 結束。
acting-off = 已結束代辦。
history-acted = 　{ $date } 由 { $name } 代辦：{ $what }
err-helper-code = 這個代辦號碼不對或已過期，請對方再發 /helper 取一個新號碼。
err-not-helper = { $name } 沒有同意由你代辦。請對方發 /helper 取號碼給你。
usage-simple = 用法：/simple on 或 /simple off；社工：/simple 名字 on
simple-on-by-worker = 社工 { $name } 為你開啟了簡單模式：回覆數字就能操作。
simple-off-by-worker = 社工 { $name } 為你關閉了簡單模式。
simple-set-for = { $on ->
        [true] 已為 { $name } 開啟簡單模式。
       *[other] 已為 { $name } 關閉簡單模式。
    }

## Trust and safety: disputes, reports, moderation (issue 7)

button-report = ⚠️ 舉報
button-compensate = 賠償 { $points }
button-refund = 退回物品並退款
button-dismiss = 駁回
button-ask-opener = 問發起人
button-ask-other = 問對方
button-hide = 下架
button-warn = 警告
button-approve = ✅ 通過
button-reject = ❌ 不通過
button-verify = 🏠 已上門核實
card-verified = 🏠 社工已核實
card-status-review = 🔍 這條正在審核，暫時不能預約
card-status-removed = 🚫 這條已被社工下架
card-status-reviewed = ✔️ 審核完畢
usage-dispute = 用法：/dispute 編號 原因，例如 /dispute 3 車把是壞的（可以發照片，配文寫同樣的話）
usage-compensate = 用法：/compensate 糾紛號 積分 原因
usage-report = 用法：/report 編號 原因，例如 /report 3 是假的
usage-verify = 用法：/verify 編號
usage-addworker = 用法：回覆那位居民的消息發 /addworker，或 /addworker 數字ID
err-case-closed = 這件事已經處理完了。
err-no-such-case = 沒有 #{ $case } 這件事。
err-not-admin = 只有管理員可以任命社工。
err-in-group-only = 請在小區群裡用這個命令。
err-under-review = #{ $id } 正在審核，暫時不能預約。
dispute-err-not-yours = #{ $id } 沒有你參與的交接。
dispute-err-not-handed-over = #{ $id } 還沒有完成交接，有問題可以先回復“撤回 { $id }”取消。
dispute-err-too-late = #{ $id } 交接已超過 { $days } 天，不能再發起糾紛了，可以聯繫社工。
dispute-err-over-frozen = 最多隻能從凍結的 { $frozen } 積分裡賠償。
dispute-opened = 已收到你的糾紛 #{ $case }（#{ $id }「{ $title }」），結果會私信告訴你。{ $who }
dispute-opened-other = { $name } 對 #{ $id }「{ $title }」的交接提出了糾紛 #{ $case }，{ $frozen } 積分先凍結，等社工處理。{ $shortfall ->
    [0] {""}
   *[other] 另有 { $shortfall } 積分不夠凍結。
}
dispute-card = ⚖️ 糾紛 #{ $case } · { $community }
    #{ $id }「{ $title }」{ $points } 積分，送出方 { $giver }
    發起：{ $opener }（信用 { $opener_credit }）· 對方：{ $against }（信用 { $against_credit }）
    原因：{ $reason }
    照片 { $photos } 張 { $photo_ids }
    凍結 { $frozen } 積分{ $shortfall ->
        [0] {""}
       *[other] ，送出方餘額不足，還差 { $shortfall } 積分
    }
    經過：預約 { $claimed } → 確認交接 { $handed }
    補充：{ $notes }
dispute-note = ⚖️ 糾紛 #{ $case } 補充（{ $name }）：{ $text }（照片 { $photos } 張 { $photo_ids }）
dispute-note-added = 已把你的補充加到糾紛 #{ $case }。
dispute-ask = 社工 { $worker } 想多瞭解糾紛 #{ $case }（#{ $id }「{ $title }」）。請回復：/dispute { $id } 你的說明（也可以發照片，配文寫同樣的話）。
dispute-button-reason = 按案件卡片處理
dispute-done-toast = 已處理糾紛 #{ $case }
dispute-asked-toast = 已私信詢問，回覆會發到這裡（糾紛 #{ $case }）
dispute-decided = ⚖️ 糾紛 #{ $case } 已由 { $worker } 處理：{ $outcome ->
    [compensated] 賠償 { $points } 積分
    [refunded] 退回物品並退款 { $points } 積分
   *[other] 駁回
}
dispute-outcome-compensated = 糾紛 #{ $case }（#{ $id }「{ $title }」）處理結果：賠償 { $points } 積分。說明：{ $reason }
dispute-outcome-refunded = 糾紛 #{ $case }（#{ $id }「{ $title }」）處理結果：物品退回，{ $points } 積分退給接收方。說明：{ $reason }
dispute-outcome-dismissed = 糾紛 #{ $case }（#{ $id }「{ $title }」）處理結果：駁回，凍結的積分已解凍。說明：{ $reason }
dispute-raised = ⏰ 糾紛 #{ $case }（#{ $id }）已經 { $hours } 小時沒人接手，請儘快處理：{ $reason }
dispute-admins = ⏰ 「{ $community }」的糾紛 #{ $case }（#{ $id }）已經 { $hours } 小時沒有社工接手，請安排人處理。
report-ask = 為什麼要舉報 #{ $id }「{ $title }」？
report-ask-toast = 已私信你，請選擇原因
report-reason-fake = 假的 / 騙人
report-reason-wrong_points = 積分不合理
report-reason-unsafe = 不安全
report-reason-other = 其他
report-err-not-member = 你不在 #{ $id } 所在的群裡，不能舉報它。
report-thanks = 謝謝，已把對 #{ $id } 的舉報交給社工。
report-thanks-admins = 謝謝，已把對 #{ $id } 的舉報交給群管理員（本群還沒有社工）。
report-thanks-nobody = 謝謝，已記下對 #{ $id } 的舉報。本群還沒有社工或管理員能處理，請群管理員在群裡發 /setup 指定社工。
report-thanks-toast = 已交給社工，謝謝
report-thanks-message = 謝謝，已把這條消息交給社工。
report-forwarded-reason = 轉發舉報
report-err-already = 你已經舉報過 #{ $id }，社工正在看。
report-err-own = 不能舉報自己發佈的內容。
report-card = 🚩 舉報 #{ $report } · { $community }
    #{ $id }「{ $title }」發佈人 { $owner }
    舉報人：{ $reporter }（以往：成立 { $upheld } · 駁回 { $dismissed }）
    類別：{ $category } · 原因：{ $reason }
    共 { $reporters } 人舉報{ $hidden ->
        [yes] ，已暫時隱藏
       *[other] {""}
    }
report-done-toast = 已處理舉報 #{ $report }
report-outcome-upheld = 你的舉報成立，內容已下架。{ $points ->
    [0] {""}
   *[other] 獎勵 { $points } 積分，謝謝！
}
report-outcome-dismissed = 你的舉報經社工查看後沒有成立，謝謝關心。
report-outcome-warned = 你的舉報已處理：社工提醒了發佈人。
report-owner-upheld = 你發佈的「{ $title }」經舉報核實已被社工下架。如有疑問請聯繫社工。
report-owner-hidden = 你發佈的 #{ $id }「{ $title }」被幾位鄰居舉報，暫時隱藏了，社工會盡快查看。如有誤會，社工會恢復它。
report-owner-warned = 社工提醒：你發佈的「{ $title }」被鄰居舉報，請注意描述真實、積分合理。
report-pool-short = 積分池不夠，這次沒有發舉報獎勵。
report-reward-memo = 舉報獎勵
approval-card = 📝 待審核 #{ $id } · { $community }
    { $name } 發佈：「{ $title }」{ $points } 積分
listing-pending = 你的 #{ $id } 已提交，社工審核後會出現在群裡。
listing-approved = 你的 #{ $id }「{ $title }」已通過審核，已發到群裡。
listing-rejected = 你的 #{ $id }「{ $title }」沒有通過審核。如有疑問請聯繫社工。
approve-done = 已通過 #{ $id }
reject-done = 已拒絕 #{ $id }
verify-done = 已標記 #{ $id } 為上門核實。
worker-added = 歡迎 { $name } 成為本社區的社工。
worker-removed = { $name } 不再是本社區的社工。
flood-warning = 你發得太快了，請 { $seconds } 秒後再試。
handbook-all = 全部社區
handbook-title = # 鄰里糾紛手冊 · { $community }
handbook-summary = 截至 { $date }，社工共處理了 { $count } 件交接糾紛。下面按問題類別彙總，不含任何個人信息。
handbook-none = 還沒有處理完的糾紛。
handbook-kind-not_as_described = 與描述不符（{ $count } 件）
handbook-kind-damaged = 物品損壞（{ $count } 件）
handbook-kind-not_received = 沒有收到（{ $count } 件）
handbook-kind-no_show = 爽約、遲到（{ $count } 件）
handbook-kind-other = 其他（{ $count } 件）
handbook-outcomes = 結果：賠償 { $compensated } 件，退回並退款 { $refunded } 件，駁回 { $dismissed } 件
handbook-average = 平均賠償 { $points } 積分
handbook-tip-not_as_described = 建議：發佈時寫清成色和缺點，最好附幾張不同角度的照片。
handbook-tip-damaged = 建議：交接時當面檢查、試用，有問題當場說，並拍照留底。
handbook-tip-not_received = 建議：收到東西再點“我已收到”，不要提前確認。
handbook-tip-no_show = 建議：約好時間地點，臨時有事請提前私信對方。
handbook-tip-other = 建議：有疑問先私信溝通，解決不了再找社工。
err-not-while-acting = 代辦時不能這樣做。先發 /as off 結束代辦。
err-helper-locked = 試錯的代辦號碼太多了，請明天再試，或請對方聯繫社工。

# 交接的全過程（第 18 號問題）
button-handed = 🤝 我已交給對方
button-helped = 🤝 我已幫完
button-write-to = 💬 聯繫 { $name }
handed-to-receiver = { $what ->
        [help] { $name } 說 #{ $id }「{ $title }」已經幫完了。沒問題請點“已經幫完了”；
       *[item] { $name } 說已經把 #{ $id }「{ $title }」交給你了。收到了請點“我已收到”；
    }{ $date } 會自動完成。{ $what ->
        [help] 有問題請找社工（幫助 → 請社工聯繫我）。
       *[item] 沒收到請找社工（幫助 → 請社工聯繫我）。
    }
handed-done = 已告訴 { $name }，等對方確認{ $what ->
        [help] 。
       *[item] 收到。
    }
handed-already = #{ $id } 你已經說過{ $what ->
        [help] 幫完了
       *[item] 交給對方了
    }，等對方確認。
auto-confirm-to-giver = #{ $id }「{ $title }」交接已自動完成（{ $name } 沒有確認，也沒有提出問題），{ $points } 積分已轉給你。
auto-confirm-to-receiver = #{ $id }「{ $title }」交接已自動完成，{ $points } 積分已轉給 { $name }。如有問題，可以 /dispute { $id } 說明。
release-to-claimer = { $name } { $days } 天沒有回覆你對 #{ $id }「{ $title }」的申請，申請已自動取消{ $refund ->
    [0] 。
   *[other] ，{ $refund } 積分已退回給你。
}
release-to-owner = { $name } 對 #{ $id }「{ $title }」的申請 { $days } 天沒有回覆，已自動取消，已重新開放。
reminder-handover-auto = 交接自動完成
reminder-claim-release = 申請自動取消
reminder-ticket-remind = 求助再次提醒社工

# 糾紛退款不足時的欠款
points-debt-line = 欠款 { $debt } 積分（之後獲得的積分會先用來還）
memo-debt-repay = 還欠款
dispute-debt = 糾紛 #{ $case }（#{ $id }「{ $title }」）：你的積分不夠，社區積分池先替你付給對方 { $points } 積分。{ $debt ->
    [0] 社工會和你聯繫。
   *[other] 你欠 { $debt } 積分（共欠 { $total }），之後獲得的積分會先用來還。
}
dispute-debt-workers = ⚖️ 糾紛 #{ $case }：{ $name } 還差 { $points } 積分，已由積分池先付給對方；記為欠款 { $debt } 積分（上限 { $limit }），積分池承擔 { $borne } 積分{ $issued ->
    [0] 。
   *[other] ；積分池不夠，新發行了 { $issued } 積分。
}

# 沒有社工時：群管理員
escalate-admin-note = 這個社區還沒有社工，所以告訴你（群管理員）。點“我來當社工”就能處理；也可以在群裡發 /setup 名字 請別人來當。
button-setup = 🙋 我來當社工
escalated-workers = 社工會盡快聯繫你。
escalated-admins = 這個社區還沒有社工，已轉告群管理員 { $names }。
escalated-nobody = 這個社區還沒有社工，也沒有能聯繫上的群管理員；你的請求已經記下，有社工時會第一時間看到。
err-setup-in-group = 請在小區群裡發 /setup（只有群管理員可以）。
err-setup-not-admin = 只有群管理員可以設置社區的社工。
setup-done-group = ✅ { $name } 現在是本社區的社工，會處理舉報、糾紛和求助。
setup-done-worker = 你現在是「{ $community }」的社工（{ $by } 設置）。舉報、糾紛和居民求助會發給你。
setup-already = 你已經是這個社區的社工了。
setup-toast = 好的，你現在是社工了。

# 請社工聯繫我：求助單
ticket-card = 🙋 求助 #{ $ticket } · { $community }
    { $name } 請社工聯繫他/她。
ticket-raised = ⏰ 請求 #{ $ticket }（{ $name }，{ $community }）已經 { $hours } 小時沒人接手，請儘快聯繫。
button-ticket-take = 我來聯繫
button-ticket-done = 已處理
ticket-opened = 求助 #{ $ticket } 已發出。{ $who }
ticket-already-open = 你的請求 #{ $ticket } 已經發出，還在等社工接手。
ticket-already-taken = 你的請求 #{ $ticket } 已由社工 { $worker } 接手，他/她會聯繫你。
ticket-was-taken = 請求 #{ $ticket } 已由 { $worker } 接手。
ticket-was-done = 請求 #{ $ticket } 已由 { $worker } 處理完。
ticket-taken-resident = 社工 { $worker } 接手了你的請求 #{ $ticket }，會盡快聯繫你。
ticket-taken-worker = 你接手了請求 #{ $ticket }。點下面的按鈕給 { $name } 發消息。
ticket-take-toast = 已接手請求 #{ $ticket }
ticket-already-done = 請求 #{ $ticket } 已經處理完了。
ticket-done-resident = 社工 { $worker } 把你的請求 #{ $ticket } 標記為已處理。還有問題可以再找社工。
ticket-done-by-other = 你接手的請求 #{ $ticket } 已由社工 { $worker } 標記為已處理。
ticket-done-toast = 請求 #{ $ticket } 已處理

# 積分快過期
points-expire-soon = 提醒：你在「{ $community }」有 { $points } 積分會在 { $date } 過期。用來換東西或請人幫忙，就不會浪費。

# 私聊發來的照片：開始送東西
photo-starts-offer = 收到照片 📷 我們來把它發到群裡送出去（不想送就回復“取消”）。
err-not-for-yourself = 社工不能給自己加減積分，請另一位社工來做。
dispute-err-settled = #{ $id } 這次交接的糾紛 #{ $case } 已經處理過了。有新情況請找社工（幫助 → 請社工聯繫我）。
err-withdraw-handed = { $name } 說已經把 #{ $id } 交給你了，所以不能直接取消。如果沒收到，請找社工（幫助 → 請社工聯繫我），社工會處理。
setup-already-named = { $name } 已經是這個社區的社工了。
handed-after-done = #{ $id } 的交接已經完成了，不用再點。

# 回覆卡片或原帖：對這件東西感興趣
reply-interest-offer = 想要 #{ $id }「{ $title }」嗎？{ $points ->
    [0] 免費，點下面的按鈕預約。
   *[other] { $points } 積分，點下面的按鈕預約，積分會先暫存。
}
reply-interest-request = 能幫 #{ $id }「{ $title }」（{ $points } 積分）嗎？點下面的按鈕告訴對方。
reply-not-open = #{ $id }「{ $title }」現在不能預約了（已有人預約或已結束）。
reply-list-choose = 這條帖子裡有 { $count } 件還能預約，想要哪一件？點下面看看。
reply-list-none-open = 這條帖子裡的東西現在都不能預約了（已有人預約或已結束）。
err-admin-setup-first = 你是群管理員，但還不是這個社區的社工：先點“我來當社工”（或在群裡發 /setup），再處理。
points-frozen-line = 糾紛中凍結 { $frozen } 積分（社工處理後解凍或賠付）

## Offline swap events (活動)
flow-event = 發起活動
flow-event-item = 登記帶去的東西
flow-event-feedback = 活動評價
memo-event-attend = 參加活動
memo-event-volunteer = 活動志願者
memo-event-swap = 活動交換：{ $title }
event-theme-any = 什麼都收
event-groups-one = 只發在主辦社區的群
event-groups-all = 發到我負責的所有群
event-repeat-none = 只辦一次
event-repeat-weekly = 每週同一天
event-repeat-monthly = 每月同一個星期幾（如每月第一個週六）
dlg-event-not-created = 好的，活動沒有創建。
dlg-event-community = 活動由哪個社區主辦（積分由它發）？
dlg-event-title = 活動叫什麼名字？比如：舊書交換會
dlg-event-theme = 收哪一類東西？
dlg-event-place = 在哪裡辦？比如：3號樓一層活動室
dlg-event-date = 哪一天？（比如 12月6日、下週六）
dlg-event-time = 幾點開始？（比如 9:30、下午兩點）
dlg-bad-time = 沒看懂這個時間。請寫 9:30、14:00 或 下午兩點。
dlg-event-hours = 辦幾個小時？（1–12）
dlg-event-slots = 要分時段或分區嗎？比如“9:00 兒童區，10:00 圖書區”。不需要就點「跳過」。
dlg-event-capacity = 最多幾個人參加？（1–500）
dlg-event-item-limit = 每戶最多帶幾件東西？（0–20，0 表示不用帶）
dlg-event-attend-points = 到場簽到的居民得幾積分？（0–100，0 表示不給）
dlg-event-volunteer-points = 志願者得幾積分？（0–200）
dlg-event-groups = 發到哪些群？
dlg-event-repeat = 要定期辦嗎？
dlg-event-confirm = 請核對：
    「{ $title }」· { $theme }
    🕘 { $date } { $time }，{ $hours } 小時 · 📍 { $place }
    👥 { $capacity } 人，每戶帶 { $item_limit } 件
    ⭐ 簽到得 { $attend_points } 積分，志願者得 { $volunteer_points } 積分
    📣 { $groups } · 🔁 { $repeat }
    發佈嗎？（要改哪一項，點「返回」）
dlg-event-item-not-added = 好的，沒有登記。
dlg-event-item-what = 你要帶什麼？（比如：繪本 5 本）
dlg-event-stars = 這次活動怎麼樣？
dlg-event-comment = 想說點什麼嗎？（可以跳過）
dlg-event-next = 下次想辦什麼活動？（比如：兒童用品交換，可以跳過）
button-event-join = 🙋 報名
button-event-join-n = { $n }. 報名「{ $title }」
button-event-bring = 🎁 我帶東西
button-event-show-n = { $n }. 查看「{ $title }」
button-event-bring-more = 🎁 再登記一件
button-event-leave = 取消報名
button-checkin-name = ☐ { $name }{ $people ->
    [1] {""}
   *[other] ×{ $people }
}
event-card = 📅 活動 #{ $event }：{ $title }
    🕘 { $when }
    📍 { $place }
    👥 共 { $capacity } 個名額，{ $left ->
        [0] 已滿，現在報名進候補
       *[other] 還剩 { $left } 個
    }{ $waiting ->
        [0] {""}
       *[other] ，候補 { $waiting } 人
    }
    🎁 { $limit ->
        [0] 不用帶東西
       *[other] 每戶最多帶 { $limit } 件（{ $theme }）
    }{ $points ->
        [0] {""}
       *[other] { " " }· 到場簽到得 { $points } 積分
    }{ $slots }
    回覆這條消息“報名”（或“+1”“我家兩個人”），或點下面的按鈕。
event-card-closed = 📅 活動 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    報名已截止。
event-card-started = 📅 活動 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    活動進行中，歡迎現場參加。
event-card-done = 📅 活動 #{ $event }：{ $title } 已結束，謝謝大家！
event-card-cancelled = 📅 活動 #{ $event }：{ $title } 已取消。
event-created = ✅ 活動 #{ $event }「{ $title }」已發佈到：{ $groups }。時間：{ $when }。
    報名情況：/event { $event }；名單和簽到：/event { $event } 名單；加志願者：/event { $event } 志願者 名字。
event-joined = ✅ 你報名了「{ $title }」{ $people ->
        [1] {""}
       *[other] （{ $people } 人）
    }。
    🕘 { $when } · 📍 { $place }
    簽到碼：{ $code }（到場時給志願者看這個碼或上面的二維碼）{ $limit ->
        [0] {""}
       *[other] {"\u000A"}可以帶 { $limit } 件東西來交換，先點「我帶東西」登記。
    }
event-waitlisted = 🕒 「{ $title }」（{ $when }）名額已滿，你在候補第 { $position } 位。有人取消時我會馬上告訴你。
event-join-toast = 報名成功！簽到碼已私信發給你。
event-waitlist-toast = 名額已滿，你已進入候補。
event-already-in = 你已經報名了「{ $title }」（{ $people } 人），簽到碼：{ $code }。
event-already-waiting = 你在「{ $title }」的候補第 { $position } 位。
event-people-changed = 已改為 { $people } 人參加「{ $title }」。
event-left = 已取消「{ $title }」的報名。
event-promoted = 🎉 有人取消了，「{ $title }」給你留了名額！
event-none = 近期沒有可以報名的活動。有活動時會發在群裡。
event-list-title = 近期活動：
event-list-line = { $n }. #{ $event }「{ $title }」{ $when } · { $place } · { $left ->
        [0] 已滿（可候補）
       *[other] 剩 { $left } 個名額
    }{ $mine ->
        [confirmed] { " " }· ✅ 你已報名
        [waitlist] { " " }· 🕒 你在候補
       *[other] {""}
    }
event-list-hint = 回覆數字或點按鈕報名。
event-show = 📅 活動 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    👥 已報名 { $taken }/{ $capacity }{ $waiting ->
        [0] {""}
       *[other] ，候補 { $waiting } 人
    }{ $slots }
event-table-empty = 🧺 交換桌上還沒有東西。
event-table-title = 🧺 交換桌（{ $count } 件）：
event-table-line = #{ $id } { $title } · { $category } · { $owner }{ $status ->
        [done] （已換出）
       *[other] {""}
    }
event-bring-start = 登記帶到「{ $title }」的東西（{ $theme }，已登記 { $have }/{ $limit } 件）。
event-item-added = ✅ 「{ $what }」（#{ $id }）已放上「{ $title }」的交換桌（{ $have }/{ $limit } 件）。
event-attendees = 📋 「{ $title }」簽到：已簽到 { $done } 戶，未到 { $waiting } 戶。點名字簽到，或發 /checkin 簽到碼。現場來的人：/event { $event } 現場 名字。
checkin-ok = ✅ { $name }{ $people ->
        [1] {""}
       *[other] （{ $people } 人）
    } 簽到成功。已到 { $done }/{ $taken } 人。
checkin-used = ⚠️ { $name } 已經在 { $at } 簽到過了（每個簽到碼只能用一次）。
checkin-wrong = ❌ 沒有這個簽到碼：{ $code }。請再核對一下（還能試 { $left } 次）。
checkin-wrong-event = ⚠️ 這個簽到碼不是活動 #{ $want } 的，是活動 #{ $event }「{ $title }」的。
checkin-ended = ⚠️ 活動 #{ $event }「{ $title }」已經結束（或取消）了，不能再簽到。
checkin-cancelled = ⚠️ { $name } 已經取消了報名。人來了的話，用“/event { $event } 現場 { $name }”加進來。
checkin-locked = 錯誤的簽到碼太多了，請 { $minutes } 分鐘後再試，或點名單簽到。
checkin-other-day = ⚠️ 活動 #{ $event }「{ $title }」在 { $when }，簽到只在活動當天。
checkin-not-confirmed = ⚠️ { $name } 在候補名單上，還沒有名額。需要的話用“現場”加入。
checkin-welcome = 👋 歡迎來到「{ $title }」，簽到成功！{ $points ->
        [0] {""}
       *[other] 獲得 { $points } 積分。
    }
event-walkins-added = 已記下現場來的 { $people } 人。
event-volunteer-added = 已請 { $name } 做「{ $title }」的志願者，他/她可以幫忙簽到。
event-volunteer-already = { $name } 已經是志願者了。
event-volunteer-you = 🙌 你是活動 #{ $event }「{ $title }」（{ $when }）的志願者。到場後可以用 /checkin 簽到碼 或 /event { $event } 名單 幫大家簽到。{ $points ->
        [0] {""}
       *[other] 活動結束後得 { $points } 積分。
    }
event-volunteer-thanks = 🙏 謝謝你為「{ $title }」幫忙！{ $points ->
        [0] {""}
       *[other] { $points } 積分已到賬。
    }
event-closed-ok = 「{ $title }」已截止報名。
event-cancelled-ok = 「{ $title }」已取消，報名的居民都收到了通知。
event-cancelled-you = 😔 很抱歉，「{ $title }」取消了。原因：{ $reason }
event-photo-added = 📷 照片已存入「{ $title }」（共 { $count } 張）。
event-swap-recorded = 🔁 已記錄：{ $two ->
        [1] { $giver } 的「{ $what }」和 { $taker } 的「{ $other }」交換了
       *[other] { $giver } 把「{ $what }」給了 { $taker }{ $points ->
            [0] {""}
           *[other] （{ $points } 積分）
        }
    }。
event-remind-day = ⏰ { $today ->
        [1] 今天
       *[other] 明天
    }的活動：「{ $title }」
    🕘 { $when } · 📍 { $place }
    簽到碼：{ $code }。去不了請點「取消報名」，把名額讓給候補的鄰居。
event-remind-soon = ⏰ 「{ $title }」快開始了：{ $when }，{ $place }。簽到碼：{ $code }。
button-event-coming = ✅ 我會去
button-event-leave-ok = 確認取消
button-event-join-fewer = 先報 { $people } 人
button-event-wait-all = { $people } 人一起候補
button-event-show = 查看
event-leave-ask = 確定要取消「{ $title }」（{ $when }）的報名嗎？名額會讓給候補的鄰居。
event-coming = 好的，到時見！「{ $title }」{ $when }，{ $place }。{ $status ->
        [waitlist] 你還在候補，有名額我馬上告訴你。
       *[other] 簽到碼：{ $code }。
    }
event-too-few-places = 「{ $title }」只剩 { $left } 個名額，你們 { $people } 人。可以先報 { $left } 人，或者 { $people } 人一起候補（有人取消時按順序補上）。
event-series-next = 🔁 定期活動的下一場已發佈：#{ $event }「{ $title }」，{ $when }。要取消這一場：/event { $event } 取消 原因
mine-event = 📅 活動 #{ $event }「{ $title }」{ $when } · { $place } · { $status ->
        [waitlist] 候補中
       *[other] 簽到碼 { $code }
    }
event-feedback-ask = 謝謝你來參加「{ $title }」！給這次活動打個分吧：
event-stars-kept = 已記下 { $stars } 星，謝謝！
event-feedback-thanks = 謝謝你的評價（{ $stars } 星）！社工會根據大家的意見辦下一次活動。
event-ended-workers = 📅 活動已結束。{ $report }
event-report-workers = 📊 活動報告（含居民評價）：{ $report }
event-report = 活動 #{ $event }「{ $title }」（{ $when }）
    報名 { $signed }/{ $capacity } 人，候補 { $waitlist } 人，取消 { $cancelled } 人
    簽到 { $checked } 人（現場 { $walkins } 人），沒來 { $noshows } 戶
    交換桌 { $items } 件，換出 { $swapped } 件（記錄 { $swaps } 次）
    發出積分 { $points }，志願者 { $volunteers } 人，照片 { $photos } 張
    評價 { $ratings } 條，平均 { $rating } 星
event-report-next = 下次想辦：{ $next }
err-event-past = 活動時間已經過了，請選以後的日子和時間。
err-event-unknown = 沒有活動 #{ $event }。發“活動”看看近期的活動。
err-event-closed = 活動 #{ $event }「{ $title }」已經不能報名了。
err-event-not-joined = 你沒有報名「{ $title }」。
err-event-none-joined = 你現在沒有報名任何活動。
err-event-which = 你報名了幾個活動，請寫編號，比如 /leave 3：
    { $events }
err-event-leave-late = 「{ $title }」已經簽到或結束，不能取消了。
err-event-bring-join = 請先報名「{ $title }」，再登記帶去的東西。
err-event-bring-waiting = 你還在「{ $title }」的候補名單上，有了名額再登記帶去的東西。
err-event-item-limit = 每戶最多帶 { $limit } 件，已經登記滿了。
err-event-theme = 這次活動只收：{ $theme }。
err-event-subcommand = 活動命令：/event 編號 名單、現場 名字、志願者 名字、報告、截止、取消。
err-checkin-usage = 請寫簽到碼，比如：/checkin K7M3PX
err-checkin-not-staff = 只有這個活動的社工和志願者可以簽到。
err-swap-not-staff = 只有這個活動的社工、志願者，或東西的主人可以記錄交換。
err-event-volunteer-usage = 請寫志願者的名字，比如：/event { $event } 志願者 王阿姨
err-event-cancel-reason = 請寫取消的原因，居民會收到，比如：/event { $event } 取消 場地臨時維修
err-swap-usage = 記錄交換：/swap #12 #15（兩件互換），或 /swap #12 名字（送給某人）。
err-swap-not-event = #{ $id } 不在活動的交換桌上。
err-swap-taken = #{ $id } 已經換出去了。
err-feedback-not-attended = 只有到場簽到的居民可以評價這個活動。
err-feedback-given = 你已經評價過這個活動了，謝謝！

## Finding and matching
match-offer-for-you = 🔔 你在找的「{ $wanted }」，有鄰居送出了：#{ $id }「{ $title }」{ $points ->
        [0] （免費）
       *[other] （{ $points } 積分）
    }。點下面看看。
match-seekers-told = 有 { $count } 位鄰居正在找類似「{ $title }」的東西，已經告訴他們了。
match-offers-title = 你求的「{ $title }」，鄰居們已經有這些：
match-offer-line = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免費
       *[other] { $points } 積分
    }
button-claim-n = { $n }. 看看「{ $title }」
find-title = 找到 { $count } 件和「{ $query }」有關的東西：
browse-title = 鄰居們最近送出的東西：
find-line = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免費
       *[other] { $points } 積分
    } · { $owner }（{ $community }）
find-hint = 回覆數字看看是哪一件。
button-find-pick = { $n }. { $title }
button-find-more = ▶ 更多（下一頁）
find-none = 暫時沒有「{ $query }」。要我在群裡幫你發一條求助嗎？（想送出這個，發“我要送東西”。）
browse-none = 現在群裡還沒有可以領的東西。
button-find-ask = 🙋 幫我發求助
find-picked = #{ $id }「{ $title }」，{ $owner } 送出，{ $points ->
        [0] 免費
       *[other] { $points } 積分
    }。要這一件嗎？
button-find-claim = ✅ 我要這一件
button-wish-add = 🔔 有了提醒我
wish-added = 🔔 好的，有「{ $text }」時私信告訴你（到 { $date }）。發“心願”查看或取消。
wish-none = 你還沒有心願。發“提醒我 嬰兒車”，有了就告訴你。
wish-list-title = 🔔 你的心願（有了會私信告訴你）：
wish-line = { $n }. { $text }（到 { $date }）
button-wish-off = ✖ 不用了：{ $text }
wish-ended = 好的，這個心願取消了。
err-wish-too-many = 心願最多 { $max } 個，請先取消一個（發“心願”）。
err-wish-empty = 請寫想要什麼，比如：提醒我 嬰兒車
button-match-see = 👀 看看
button-find-back = ↩ 回到列表
match-request-still = 你的求助 #{ $id }「{ $title }」還需要嗎？已經有了的話，點下面撤下，免得鄰居再來問。
button-request-done = ✅ 已經有了，撤下
card-priority = 🤝 先給有需要的鄰居，{ $at } 後所有人可領
priority-wait = #{ $id }「{ $title }」是捐贈的東西，先給有需要的鄰居，{ $at } 後所有人都可以領。要到時提醒你嗎？
priority-cap = 這一週你已經領了 { $cap } 件優先的東西，把機會留給其他鄰居吧。#{ $id }「{ $title }」{ $at } 後所有人都可以領，要到時提醒你嗎？
button-priority-wait = 🔔 開放時提醒我
priority-wait-ok = 好的，開放時告訴你。
priority-open = 🔔 #{ $id }「{ $title }」現在所有人都可以領了。
priority-first = 🤝 有捐贈的東西先給你看：#{ $id }「{ $title }」{ $points ->
        [0] （免費）
       *[other] （{ $points } 積分）
    }，{ $at } 前只有需要照顧的鄰居能領。
priority-you-on = 社工 { $worker } 為你開通了優先領取：捐贈的東西會先告訴你。這件事只有社工知道。
priority-you-off = 社工 { $worker } 結束了你的優先領取。
priority-marked = 已為 { $name } 開通優先領取（複核日期：{ $review }），已記錄。
priority-unmarked = 已結束 { $name } 的優先領取，已記錄。
priority-list-title = 🤝 優先領取的居民（只有社工可見）：
priority-list-line = { $name } · { $community } · { $reason } · 複核 { $review }
priority-list-none = 還沒有。/priority 名字 on 原因（看過的證明） 複核日期
err-priority-usage = 用法：/priority 名字 on 原因 複核日期（如 2027-06-01），或 /priority 名字 off，或 /priority 查看名單。
err-priority-reason = 請寫原因（看過的證明），比如：/priority 王奶奶 on 低保證 2027-06-01
card-status-reserved-quiet = ⏳ 已有鄰居預約，等發佈人確認

## Suggestions, only with consent
recommend-status-off = 🎯 每週推薦：未開啟。
    開啟後，我會記下你搜過、領過的東西（只用來給你推薦，別人和社工都看不到），每週私信推薦至多 { $count } 件合適的閒置。記錄保留 { $days } 天。
    隨時可以關掉，發“刪除記錄”刪除。現在記著 { $kept } 條。
recommend-status-on = 🎯 每週推薦：已開啟。我記著你搜過、領過的 { $kept } 條（保留 { $days } 天，只用來給你推薦），每週私信推薦至多 { $count } 件。
    發“推薦 關”關掉，發“刪除記錄”刪除。
recommend-on = ✅ 已開啟每週推薦。從現在起我會記下你搜的、領的東西（只用來給你推薦），每週私信你至多 { $count } 件。發“推薦 關”關掉，發“刪除記錄”刪除。
recommend-off = 好的，每週推薦關了，不再記錄你搜的、領的東西。{ $kept ->
        [0] 沒有留下任何記錄。
       *[other] 之前記下的 { $kept } 條還在，點下面刪除。
    }
button-recommend-on = ✅ 開啟推薦
button-recommend-off = 🔕 關閉推薦
button-forget = 🗑 刪除記錄
forget-done = 🗑 已刪除：{ $interests } 條搜索和領取記錄，{ $suggestions } 條推薦記錄。
forget-done-still-on = 🗑 已刪除：{ $interests } 條搜索和領取記錄，{ $suggestions } 條推薦記錄。推薦還開著，之後搜的東西會重新記下；不想要就點下面關掉。
usage-recommend = 用法：發“推薦 開”或“推薦 關”；只發“推薦”看看現在的設置。
suggest-title = 🎯 本週推薦（你開啟了推薦，只有你能看到）：
suggest-line-searched = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免費
       *[other] { $points } 積分
    } —— 你搜過「{ $because }」
suggest-line-claimed = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免費
       *[other] { $points } 積分
    } —— 你領過「{ $because }」
suggest-footer = 回覆數字看看是哪一件。
err-priority-review = 請寫複核日期（以後的日子），比如：/priority 王奶奶 on 低保證 2027-06-01。到那天我會提醒你複核。
priority-off-reason = 結束優先領取
err-priority-not-marked = { $name } 現在沒有優先領取。
priority-review-due = 🗓 { $name } 的優先領取今天到複核日期（{ $review }，原因：{ $reason }）。繼續：/priority { $name } on 原因 新的複核日期；結束：/priority { $name } off。在你處理之前，優先領取照常有效。
a-neighbour = 一位鄰居
menu-find = 找東西 / 求幫忙
flow-find = 找東西
dlg-find-what = 想找什麼？寫名字就行，比如：老花鏡
err-wish-twice = 你已經有「{ $text }」這個心願了，有了會告訴你。

## The workers' desk
stats-text = 📊 { $community } · { $period }
    居民 { $residents } 人（新加入 { $new }，活躍 { $active }）
    發佈：送出 { $offers }（物品 { $offers_item } · 幫忙 { $offers_service } · 手藝 { $offers_skill }）；求助 { $requests }（物品 { $requests_item } · 幫忙 { $requests_service } · 手藝 { $requests_skill }）
    完成交接 { $handovers } 次，借出 { $loans } 次
    積分：交接流轉 { $moved }，新發放 { $issued }；公益池現有 { $pool }
    舉報：新 { $reports_opened }，已處理 { $reports_settled }，待處理 { $reports_open }
    糾紛：新 { $disputes_opened }，已解決 { $disputes_settled }（平均 { $dispute_hours } 小時），待處理 { $disputes_open }
    活動 { $events } 場：報名 { $signed_up } 人，簽到 { $checked_in } 人
chart-title = { $community }  { $period }
chart-offers = 送出
chart-requests = 求助
chart-handovers = 交接
chart-loans = 借出
chart-new = 新居民
chart-active = 活躍
chart-checked-in = 活動簽到
chart-count = 次數 / 人數
export-sent = 📄 { $community } · { $period }：{ $count } 個 CSV 文件（發佈、交接、積分流水、活動、簽到、問卷回答）。居民只顯示暱稱，不含電話。
err-desk-period = 沒看懂時間段（開始日期要早於結束日期）。可以寫：本週、上週、本月、上月、今年、最近30天，或 2026-11-01 2026-11-30。
err-desk-community = 你負責的社區裡沒有名字含「{ $name }」的。（時間段可以寫：本週、上週、本月、上月、今年、最近30天，或 2026-11-01 2026-11-30。）
audit-title = 🧾 最近 { $count } 條社工操作：
audit-none = 還沒有記錄。
audit-line = { $at } { $who } · { $what } · { $whom }{ $points } · { $why }（{ $community }）
audit-points = （{ $points } 積分）
audit-grant = 發放積分
audit-subsidy = 公益補貼
audit-adjust = 調整積分
audit-reverse = 衝正
audit-donation = 捐贈入池
audit-setpoints = 改積分
audit-priority_on = 開通優先領取
audit-priority_off = 結束優先領取
audit-simple_on = 開啟簡單模式
audit-simple_off = 關閉簡單模式
audit-addworker = 添加社工
audit-removeworker = 移除社工
audit-approve = 審核通過
audit-reject = 審核不通過
audit-verify = 上門核實
audit-event_created = 發起活動
audit-event_cancelled = 取消活動
audit-event_checkin = 活動簽到
audit-event_volunteer = 活動志願者
audit-dispute_open = 糾紛立案
audit-dispute_take = 接手糾紛
audit-dispute_ask = 請補充說明
audit-setup = 設為社工
digest-title = 🗓 每週小結（最近 7 天）
flow-feedback = 問題反饋
dlg-feedback-text = 請寫下遇到的問題或建議，社工會看到並回復你。
usage-feedback = 請在 /feedback 後面寫下問題或建議，比如：/feedback 群裡的二維碼掃不出來
ticket-card-feedback = 💬 反饋 #{ $ticket } · { $community }
    { $name }：{ $text }
ticket-opened-feedback = 謝謝你的反饋（#{ $ticket }），已轉給社工。{ $who }
ticket-card-emergency = 🆘 需要幫助 #{ $ticket } · { $community }
    { $name }：{ $text }
ticket-opened-emergency = 🆘 已轉給社工（求助 #{ $ticket }）。{ $who }情況緊急請直接打 110 / 120。

## Emergencies
usage-emergency = 用法：/emergency 通知內容（至少 2 個字）；要清點物資就在後面加“| 發電機, 輪椅, 常用藥”。/emergency 看現在的統計，/emergency 結束 解除。
err-emergency-open = 「{ $community }」已經有一個沒結束的緊急通知。發 /emergency 看統計，發 /emergency 結束 先解除。
err-emergency-over = 這個緊急通知已經結束了。有困難請發“請社工聯繫我”。
emergency-notice = 🆘 緊急通知（社工 { $worker }）：{ $text }
    請每戶點一下報平安。需要幫助的點“我需要幫助”，社工會私下聯繫你；你的回答只有社工看得到。
emergency-rollcall-simple = 家裡有 { $items } 的，請回復“我家有{ $first }”這樣的話。
emergency-rollcall = 📋 誰家有：{ $items }？有的請點（只有社工看得到）。
button-emergency-safe = ✅ 我安全
button-emergency-need = 🆘 我需要幫助
button-emergency-help = 🙋 我能幫忙
emergency-answered-safe = 收到，你平安。謝謝！
emergency-answered-need-short = 收到，已轉給社工。
emergency-answered-need = 收到，社工會盡快私下聯繫你。情況緊急請直接打 110 / 120。
emergency-answered-help = 謝謝你！社工會聯繫你安排。
emergency-has-noted = 已記下：你家有 { $item }。社工需要時會聯繫你。
emergency-ticket-text = 緊急通知“{ $text }”：點了“我需要幫助”
emergency-sent = 🆘 緊急通知已發到：{ $communities }。統計會實時更新；{ $minutes } 分鐘後把還沒回復的居民列給你，方便打電話。
emergency-tally = 🆘 應急 #{ $id } · { $community } · { $status }
    { $text }
    ✅ 安全 { $safe } · 🆘 需要幫助 { $need } · 🙋 能幫忙 { $help } · 未回覆 { $none }
emergency-status-open = 進行中
emergency-status-closed = 已結束
emergency-need-list = 需要幫助：{ $names }
emergency-need-taken = { $name }（{ $time }，{ $worker } 已接手）
emergency-need-done = { $name }（{ $time }，✅ { $worker } 已處理）
emergency-help-list = 能幫忙：{ $names }
emergency-item-line = { $item }：{ $count } 戶{ $count ->
        [0] {""}
       *[other] （{ $names }）
    }
emergency-none = 現在沒有進行中的緊急通知。
emergency-over = ✅ 緊急情況已解除：{ $text }。謝謝大家！
emergency-call-list = 📞 應急 #{ $id }：{ $minutes } 分鐘過去了，還有 { $count } 位居民沒回復，請電話聯繫：{ $names }
emergency-all-answered = ✅ 應急 #{ $id }：所有居民都回復了。
audit-emergency = 緊急通知
audit-emergency_end = 解除緊急通知
needs-title = 🔥 近 30 天沒找到的需求（{ $community }），和前 30 天比：
needs-none = 近 30 天沒有沒找到的求助。
needs-other = 其他
needs-line = { $n }. { $category } { $count } { $arrow }（前 30 天 { $before }）：{ $titles }
needs-forecast = 📈 預測未來 30 天：約 { $next } 條沒找到的求助（按最近兩期平均；用同樣方法回測過去 { $windows } 期，平均誤差 ±{ $error } 條）。
needs-forecast-short = 📈 預測未來 30 天：約 { $next } 條（歷史不足兩期，還無法回測誤差）。
ticket-raised-emergency = ⏰ 🆘 需要幫助 #{ $ticket }（{ $name }，{ $community }）已經 { $minutes } 分鐘沒人接手，請馬上聯繫。
emergency-ticket-typed = 緊急通知“{ $text }”：{ $where ->
    [group] 在群裡說
   *[private] 私聊說
}“{ $typed }”
emergency-ended = 已解除：{ $communities }。{ $waiting ->
        [0] {""}
       *[other] 還有 { $waiting } 個需要幫助的求助沒處理完，請繼續跟進。
    }
audit-dispute_compensated = 糾紛：補償
audit-dispute_refunded = 糾紛：退回
audit-dispute_dismissed = 糾紛：駁回
audit-report_upheld = 舉報屬實
audit-report_dismissed = 舉報不成立
audit-report_warned = 舉報：提醒
audit-ticket_taken = 接手求助
audit-ticket_done = 求助已處理

## Needs surveys (問卷調查)
usage-poll = 用法：/poll 問題？ 選項1 / 選項2 / 選項3（2–10 個選項），或 /poll 問題 | 選項1 | 選項2。注意：投票不是匿名的，群裡的人在 Telegram 上能看到誰投了什麼；敏感的問題請用 /survey 問卷（只有社工看得到）。
usage-survey = 用法：/survey 問卷標題 | 問題1？ 選項1 / 選項2 | 問題2（沒有選項的題請居民自己寫）。也可以每行寫一題。/survey 看列表，/survey 編號 看結果，/survey 編號 結束。
err-survey-question = 每道題至少要寫 2 個字。
err-survey-long = 題目最多 300 個字，每個選項最多 100 個字。
err-survey-options = 一道題最多 10 個選項。
err-survey-same = 選項“{ $option }”寫了兩次，請改一下。
err-survey-many = 一份問卷最多 20 道題。
err-survey-unknown = 沒有找到這份問卷（或它不屬於你服務的社區）。發 /survey 看列表。
err-survey-closed = 這份問卷已經結束了，謝謝關心！
err-survey-is-poll = 這是群裡的投票，請直接在群裡的投票上點選。
err-survey-pick = 請回復 1–{ $max } 裡的數字，或點下面的按鈕；不想答回覆“跳過”。
err-survey-answer-long = 回答最多 { $max } 個字，請寫短一點。
poll-sent = 📊 投票 #{ $id } 已發到「{ $community }」。每人一票（改票以最新的為準）；我不會在群裡公佈結果，統計看：/survey { $id }。注意：投票不是匿名的，群成員在 Telegram 裡能看到誰投了什麼。
survey-sent = 📋 問卷 #{ $id } 已發到「{ $community }」，居民點按鈕後在私聊裡一題一題回答。看結果：/survey { $id }；結束：/survey { $id } 結束
survey-notice = 📋 社工 { $worker } 想聽聽大家的想法：「{ $title }」（{ $count } 道題）
    點下面的按鈕，在私聊裡回答；你的回答只有社工看得到。
survey-notice-private = 📋 社工 { $worker } 的問卷：「{ $title }」（{ $count } 道題）
    回覆 1 開始填寫。選擇題回覆數字，其他題寫幾個字就行。
button-survey-fill = 📝 填寫問卷
survey-none-open = 現在沒有要填的問卷。謝謝你！
survey-open-list = 有這些問卷等你填寫，回覆數字開始：
survey-already = 「{ $title }」你已經填過了，謝謝！每人只填一次。
survey-thanks = 謝謝！「{ $title }」已經填完，你的回答交給了社工，只有社工能看到。
survey-question = 📋 { $title } · 第 { $n }/{ $count } 題
    { $question }
survey-write = 請直接寫下你的回答；不想答請回復“跳過”。
survey-pick = 請回復 1–{ $max } 的數字，或點按鈕；不想答回覆“跳過”，發“取消”下次再填。
survey-poll-closed = 投票已結束：{ $title }
survey-list-title = 📋 問卷和投票（最新的在前）：
survey-list-empty = 還沒有。發 /poll 問題？ 選項 / 選項 發起投票，或 /survey 標題 | 問題 | 問題 發問卷。
survey-list-line = #{ $id } { $kind ->
        [poll] 📊 投票
       *[form] 📋 問卷
    } · { $title } · { $community } · { $people } 人參與 · { $open ->
        [yes] 進行中
        [draft] 草稿（沒發出）
       *[no] 已結束
    }
survey-list-hint = /survey 編號 看結果（含圖表和 CSV），/survey 編號 結束
survey-results-title = { $kind ->
        [poll] 📊 投票
       *[form] 📋 問卷
    } #{ $id } · { $title } · { $community }
    { $people } 人參與 · { $open ->
        [yes] 進行中
        [draft] 草稿（沒發出）
       *[no] 已結束
    }（結果只給社工看）
survey-results-finished = 全部答完的：{ $count } 人
survey-results-no-words = （還沒有人寫）
survey-results-more = …還有 { $count } 條，見 CSV 文件
chart-people = 人數
err-poll-options = 投票至少要 2 個選項，用“/”隔開，比如：/poll 哪天辦？ 週六 / 週日
err-survey-one-option = “{ $question }”問號後面只有一個選項。選項請用“/”隔開（如：有 / 沒有）；要大家自己寫答案，就把問號放在最後。
err-survey-title = 問卷第一段是標題，比如：/survey 社區需求調查 | 您家有老人嗎？ 有 / 沒有 | 還有什麼建議？
err-survey-sent-already = 這份問卷已經處理過了（已發出或已取消）。發 /survey 看列表。
err-survey-closed-worker = #{ $id } 已經結束了。發 /survey { $id } 看結果。
survey-preview = 📋 問卷預覽：「{ $title }」，將發到：{ $communities }
    我是這樣理解每道題的（→ 後面是選項；“寫字回答”是讓大家自己寫）：
survey-preview-words = 寫字回答
button-survey-publish = 📤 發到群裡
button-survey-discard = 🗑 不發了
survey-discarded = 好的，這份問卷沒有發出。
survey-answered-before = 這道題已經答過了。
poll-private = 📊 社工 { $worker } 想問大家：{ $question }
    請回複數字選一個（見下面的按鈕）。
poll-thanks = 謝謝！你的選擇已經記下，只有社工能看到統計。
survey-form-closed = 📋 問卷「{ $title }」已結束，謝謝大家參與！
survey-cancelled = 好的，先停在這裡，已經答的都記下了。想接著填，發“問卷”。
survey-timeout = 問卷先停在這裡，已經答的都記下了。想接著填，發“問卷”。
audit-survey = 發起問卷或投票
audit-survey_close = 結束問卷或投票
poll-preview = 📊 投票預覽，將發到：{ $communities }
    問題：{ $question }
    選項：{ $options }
    注意：投票不是匿名的，群成員在 Telegram 裡能看到誰投了什麼。敏感的問題請用 /survey 問卷。
flow-paused = （你剛才在做的事先停一下，發“菜單”重新開始；填到一半的問卷會記著，發“問卷”接著填。）

## The parser's unsure outcome
unsure-hint = 👀 你剛才在「{ $group }」的消息，我拿不準是不是要送出、出借或求助，所以沒有髮卡片。
    如果是，請在群裡回覆你自己的那條消息：/offer（送出、出借）或 /want（求、借、找人幫忙），也可以只回復一個字“出”或“求”。
