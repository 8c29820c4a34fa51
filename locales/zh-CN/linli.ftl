# Linli messages, Simplified Chinese (the default locale).
# Keys are prefixed by feature. Every key here must also exist in ../en/linli.ftl.

## Group cards
card-offer = 🎁 #{ $id } 出：{ $title }
card-request = 🙋 #{ $id } 求：{ $title }
card-borrow = 🙋 #{ $id } 求借：{ $title }
card-borrow-days = 借 { $days } 天
card-hours = 约 { $hours } 小时
card-minutes = 约 { $minutes } 分钟
card-lend = 🔁 #{ $id } 借出：{ $title }
card-lend-days = 可借 { $days } 天
card-points = { $points } 积分
card-free = 免费
card-owner = 发布人：{ $name }
card-status-reserved = ⏳ { $name } 已预约，等发布人确认
card-status-accepted = 🤝 { $giver } 和 { $receiver } 正在约交接
card-status-done-offer = ✅ 已送出：{ $giver } → { $receiver }
card-status-done-request = ✅ 已完成：{ $giver } 帮了 { $receiver }
button-claim-offer = 🙋 我想要
button-claim-request = 🤝 我能帮忙

condition-new = 全新
condition-like_new = 九成新
condition-good = 八成新
condition-fair = 有使用痕迹
condition-poor = 需修理

## Claiming and the hand-over (private)
claim-to-owner-offer = { $name } 想要你的 #{ $id }「{ $title }」{ $points ->
    [0] （免费）
   *[other] ，{ $points } 积分已暂存
}。同意吗？（{ $date } 前不回复，会自动取消）
claim-to-owner-request = { $name } 可以帮你解决 #{ $id }「{ $title }」（{ $points } 积分）。同意吗？（{ $date } 前不回复，会自动取消）
button-accept = ✅ 同意
button-decline = ❌ 婉拒
claim-sent-held = 已通知 { $name }。{ $points } 积分已为你暂存，对方同意后请约好交接。
claim-sent = 已通知 { $name }，等对方回复。
decline-to-claimer-refund = { $name } 这次婉拒了 #{ $id }「{ $title }」，暂存的 { $points } 积分已退回给你。
decline-to-claimer = { $name } 这次婉拒了 #{ $id }「{ $title }」。
decline-done = 已婉拒，#{ $id } 重新开放给邻居们。
request-unpaid-toast = 积分不够，求助已重新开放
request-unpaid-owner = 你现在可用 { $balance } 积分，不够支付 #{ $id }「{ $title }」的 { $points } 积分。求助已重新开放，已告诉对方；可以请社工帮忙，或重新发一个少些积分的求助。
request-unpaid-helper = { $name } 现在积分不够，暂时付不了 #{ $id }「{ $title }」的 { $points } 积分，这次求助已重新开放。谢谢你愿意帮忙！
accept-to-giver = 你和 { $name } 约定了 #{ $id }「{ $title }」。{ $what ->
        [help] 请约好时间，帮完后点“我已帮完”
       *[item] 请约好时间地点交接，交给对方后点“我已交给对方”
    }；{ $points ->
        [0] 对方确认后就完成了
       *[other] 对方确认后 { $points } 积分转给你
    }（最晚 { $date } 自动完成）。
accept-to-receiver = { $kind ->
        [request] 你同意了 { $name } 来帮你：#{ $id }「{ $title }」。
       *[offer] { $name } 同意了 #{ $id }「{ $title }」！
    }{ $what ->
        [help] 请和 { $name } 约好时间，帮完后点“已经帮完了”
       *[item] 请和 { $name } 约好交接，收到后点“我已收到”
    }{ $points ->
        [0] 。
       *[other] ，暂存的 { $points } 积分转给对方。
    }没问题的话 { $date } 自动完成；{ $what ->
        [help] 有变化可以回复“撤回 { $id }”取消。
       *[item] 没收到可以回复“撤回 { $id }”取消。
    }
button-confirm = 📦 我已收到
button-confirm-help = ✅ 已经帮完了
confirm-to-giver = { $name } { $what ->
        [help] 确认你帮完了
       *[item] 确认收到了
    } #{ $id }「{ $title }」{ $points ->
        [0] 。
       *[other] ，{ $points } 积分已转给你。
    }{ $what ->
        [help] 谢谢你的帮助！
       *[item] 谢谢你的分享！
    }
confirm-to-receiver = { $what ->
        [help] 完成了！
       *[item] 交接完成！
    }{ $points ->
        [0] #{ $id }「{ $title }」是 { $name } 免费{ $what ->
            [help] 帮的
           *[item] 送的
        }，记得谢谢 TA。
       *[other] #{ $id }「{ $title }」的 { $points } 积分已转给 { $name }。
    }

## Points
points-title = 💰 我的积分
history-title = 📒 积分明细（最近的记录）
points-none = 你还没有加入邻里群。在群里说句话就加入啦。
points-balance-line = { $community }：可用 { $balance } 积分，暂存 { $held } 积分
memo-starter = 新邻居积分
memo-hold = 付出：{ $title }
memo-release = 交接：{ $title }
memo-refund = 退回：{ $title }
memo-grant = 社工发放：{ $title }
memo-adjust = 调整：{ $title }
memo-reverse = 冲正：{ $title }

## Getting started
start-welcome = 你好 { $name }！我是邻里，帮邻居们互送闲置、互借东西、互相帮忙。
help-text = 在群里直接写“出闲置：儿童自行车，八成新，30积分”或“求借电钻 周末用”，我会发卡片。
    /offer 东西 —— 发布闲置
    /want 东西 —— 发布求助
    /points 或“积分” —— 查积分
    /lang —— 换语言
    “菜单” —— 主菜单（发布、借出、评价、举报、求助社工…）
    “举报” / “投诉” —— 举报不实信息 / 交接出了问题，社工来处理
    “代办” —— 让家人或社工替你操作
    “请社工联系我”、“问题反馈” —— 找社工、提问题或建议
    “活动” —— 近期的交换会，回复数字报名；“取消报名”
    “我想要老花镜”、“看看有什么” —— 找邻居送的东西；“提醒我 婴儿车” —— 有了私信告诉你
    “推荐 开” —— 每周私信推荐几件（你同意才记录搜索）；“推荐 关”；“删除记录”
    “问卷” —— 填写社工发的需求问卷（回复数字就行）
help-worker-text = 社工命令：
    /newevent 或“发起活动” —— 办交换会；/event 编号 名单、现场、志愿者 名字、报告、截止、取消
    /checkin 签到码 —— 签到；/swap #12 #15 —— 记录交换
    /grant、/subsidy、/adjust、/reverse、/donation、/setpoints、/pool —— 积分（都要写原因）
    /verify、/compensate、/addworker、/removeworker、/simple 名字 on —— 审核、纠纷、人员、简单模式
    /stats 本月、/export 上月、/needs、/audit —— 统计图、导出 CSV、热门需求、操作记录；/priority 名字 on 原因 复核日期 —— 优先领取
    /emergency 通知内容 | 发电机, 轮椅 —— 紧急通知和报平安；/emergency 结束
    /poll 问题？ 选项1 / 选项2 —— 群里发投票；/survey 标题 | 问题1？ 选项 / 选项 | 问题2 —— 私聊填写的问卷；/survey 看列表，/survey 编号 看结果，/survey 编号 结束
help-group = 在群里写“出闲置：…”或“求借…”，我会发卡片；私聊我发“积分”查积分。
dlg-prefill-refused = 你写的「{ $said }」这次用不了：{ $why } 等一下会再问你。
dlg-still-posting = 你还没发完「{ $what }」。先回答下面的问题，发完再写新的；不想发了就发“取消”。
private-greeting = { $name }，你好！😊 想送东西、借东西或找人帮忙，直接写给我就行，比如“出闲置：儿童自行车”“谁能帮我取一下药”。发“菜单”看看我能做什么。
private-thanks = 不客气 😊 有需要随时找我，发“菜单”看看能做什么。
private-hint = 我没看懂这句话。想送东西或找人帮忙，直接写给我就行，比如“出闲置：儿童自行车”“谁能帮我取一下药”。发“帮助”看看我能做什么。
private-help-read = 好的，帮你在邻里群里找人帮忙：{ $title }。确认一下就发出去，发“取消”不发。
private-listing-read = 好的，帮你在邻里群里发一条：{ $title }。确认一下就发出去，发“取消”不发。
private-other = 收到啦！我暂时只看得懂文字。
private-hint-simple-again = 我没看懂。请回复下面的数字；发“菜单”回到主菜单。不会用也没关系：写“请社工联系我”，社工会来帮你。
private-hint-simple = 我没看懂。请回复数字（不会用的话写“帮助”，或写“请社工联系我”）：
help-events = 活动报名
help-simple-how = 送东西回复 1，要东西回复 2，跟着问题回答就行。
    想参加活动，发“活动”，再回复数字。
    有困难，发“请社工联系我”。
help-simple-text = 回复数字就能操作。随时发“菜单”回到这里，发“取消”退出。
posted-private = 已在「{ $community }」发布 #{ $id }。
welcome-group = 欢迎 { $names }！写“出闲置：…”送东西，写“求借…”找帮忙。
dm-needed = { $name }，请点下面的按钮和我私聊一次，我才能把消息发给你。
button-open-private = 💬 打开私聊

## Language
lang-choose = 请选择语言 / Choose a language
lang-set = 好的，以后我用中文和你说话。
lang-set-hant = 好的，以后我用繁体中文和你说话。

## Refusals and errors
err-private-only = { $command } 请私聊我使用（群里的消息大家都能看到）。
err-number-range = { $max ->
    [1] 请回复 1，或点下面的按钮（发“菜单”看主菜单）。
   *[other] 请回复 1–{ $max } 里的数字，或点下面的按钮（发“菜单”看主菜单）。
}
err-unknown-command = 抱歉，我不认识 { $command }。发 /help 看看我能做什么。
err-own-listing = 这是你自己发布的，不能认领哦。
err-already-yours = #{ $id } 你已经预约了，等对方回复就好。
err-already-claimed = 抱歉，#{ $id } 已经被别的邻居预约了。
claim-taken-wait = 抱歉，#{ $id }「{ $title }」已经被别的邻居预约了。如果对方取消了，要告诉你吗？
button-tell-reopen = 🔔 重新开放时告诉我
listing-reopened = 🔔 #{ $id }「{ $title }」又可以预约了，先到先得。
err-listing-closed = #{ $id } 已经结束了（撤回、送出或关闭），不能再操作。
err-already-confirmed = 你已经确认收到 #{ $id } 了，不用再点。
err-already-decided = #{ $id } 这个请求已经处理过了。
err-insufficient = 积分不够：需要 { $points } 积分，你现在可用 { $balance } 积分。
err-request-unaffordable = 你现在可用 { $balance } 积分，不够支付 { $points } 积分的求助。可以少写一些积分、写“免费”，或请社工帮忙。
err-over-limit = 对方的积分已达上限，暂时不能转入。请联系社工。
err-button-expired = 这个按钮已失效，请看最新的消息。
err-not-for-you = 这个按钮不是给你的。
err-empty-offer = 请写上要送的东西，例如：/offer 儿童自行车 八成新 30积分
err-empty-want = 请写上想要的东西，例如：/want 电钻 周末用
err-points-range = 积分要在 0 到 { $max } 之间。
err-no-community = 请先在邻里群里说句话，我才知道你是哪个社区的。
err-internal = 抱歉，刚才出了点问题，请稍后再试。

## Valuation
card-suggested = 建议 { $points }
err-points-band = { $points } 积分和建议值 { $suggested } 相差太多，请在 { $min }–{ $max } 积分之间，或写“免费”。社工可以帮你调整。
points-band-clamped = 你写的 { $points } 积分超出了建议范围（{ $min }–{ $max }），已按 { $posted } 积分发布。需要调整的话可以请社工帮忙。
memo-subsidy = 公益补贴：{ $title }
memo-donation = 捐赠入池：{ $title }
memo-expire = 积分过期
points-by-worker = （社工 { $name }）

## Social workers
worker-notice = 社工 { $worker } 在「{ $community }」给你 { $amount } 积分：{ $reason }
account-pool = 积分池
err-reverse-of-reverse = 记录 #{ $id } 本身就是一次冲正，不能再冲正；要改回，请用 /adjust 或 /grant。
worker-notice-take = 社工 { $worker } 在「{ $community }」从你的积分里扣回 { $amount } 积分：{ $reason }
worker-done = 已记录 #{ $id }：{ $name } { $amount } 积分（{ $reason }）
worker-donation-done = 已记录 #{ $id }：捐赠 { $points } 积分入池（{ $reason }），积分池现有 { $pool }。
worker-reverse-done = 已冲正 #{ $id }（新记录 #{ $rid }）：{ $moved } 积分。原因：{ $reason }
worker-setpoints-done = #{ $id } 改为 { $points } 积分，卡片已更新。
worker-pool = 「{ $community }」积分池 { $pool }，至今净发行 { $issued }（发放减去收回、过期），暂存中 { $escrow }。（“统计”里的“新发放”只算所选时段。）
usage-grant = 用法：/grant 名字 积分 原因，例如 /grant 小王 20 打扫楼道
usage-adjust = 用法：/adjust 名字 ±积分 原因，例如 /adjust 小王 -5 重复发放
usage-subsidy = 用法：/subsidy 名字 小时 原因，例如 /subsidy 小王 2 打扫楼道
usage-reverse = 用法：/reverse 记录号 原因，例如 /reverse 12 发错了人
usage-setpoints = 用法：/setpoints 物品号 积分 原因，例如 /setpoints 3 15 上门核实后调整
err-not-worker = 这个命令只有社工可以用。
err-not-your-community = 这不是你负责的社区。
err-reason-needed = 请写上原因，每一笔都要有记录。
err-amount = 请写一个积分数，例如 20。
err-hours = 请写小时数，例如 2 或 1.5。
err-no-such-member = 没有找到“{ $name }”。可以用名字或数字 ID。
err-no-such-member-near = 没有找到“{ $name }”。你是说 { $near } 吗？可以用名字或数字 ID。
err-ambiguous-member = 有好几位叫“{ $name }”的邻居，请用数字 ID。
err-pool-empty = 积分池只有 { $balance } 积分，不够发放。
err-member-too-low = 对方只有 { $balance } 积分，不能扣 { $points }。
err-no-such-transfer = 没有找到记录 #{ $id }。
err-not-reversible = 记录 #{ $id } 属于交接流程，不能直接冲正；请处理对应的交接。
err-already-reversed = 记录 #{ $id } 已经冲正过了。
err-no-such-listing = 没有找到 #{ $id }。
err-listing-not-open = #{ $id } 已被预约或已结束，不能再改积分。
points-expired = 你在「{ $community }」有 { $points } 积分超过 { $days } 天没有使用，已经过期。

## Withdrawing
card-status-withdrawn = 🚫 发布人已撤回
card-status-gone-offer = ✅ 发布人说：已经送出
card-status-gone-request = ✅ 发布人说：已经解决
card-status-gone-lend = ✅ 发布人说：已经借出
withdraw-done-gone = 好的，#{ $id }「{ $title }」已标为结束，群里的卡片也更新了。谢谢你！
gone-in-handover = #{ $id }「{ $title }」正在和 { $name } 交接，卡片不用撤。{ $what ->
        [help] 帮完后点“我已帮完”
       *[item] 交给对方后点“我已交给对方”
    }，对方确认就完成了；不想给了可以回复“撤回 { $id }”。
undo-not-yours = #{ $id }「{ $title }」是 { $name } 发布的，只有 TA 能撤回。如果卡片有问题，可以写“请社工联系我”。
withdraw-to-claimer = { $name } 撤回了 #{ $id }「{ $title }」，为你暂存的积分（如有）已退回。
takedown-to-claimer = 社工处理举报后下架了 #{ $id }「{ $title }」，这次交接取消了，为你暂存的积分（如有）已退回。
withdraw-to-owner = { $name } 取消了对 #{ $id }「{ $title }」的预约，已重新开放。
withdraw-done-owner = 已撤回 #{ $id }「{ $title }」。
withdraw-done-claimer = 已取消对 #{ $id }「{ $title }」的预约，退回 { $refund } 积分。
usage-withdraw = 用法：撤回 物品号，例如“撤回 3”（也可以写 /withdraw 3）
err-not-yours = #{ $id } 不是你发布或预约的。

## Loans and reminders
card-status-lent = 📦 借给了 { $receiver }，{ $date } 归还
card-status-returned = ✅ 已归还：{ $receiver } → { $giver }
card-status-expired = ⌛ 已过期（{ $name } 没有续期）
loan-started-lender = { $name } 借走了 #{ $id }「{ $title }」，{ $date } 归还。东西还回来后请点“已归还”{ $points ->
        [0] 。
       *[other] ，暂存的 { $points } 积分会转给你。
    }
loan-started-borrower = 你借了 { $name } 的 #{ $id }「{ $title }」，请在 { $date } 前归还。我会提前提醒你。
button-returned = ✅ 已归还
button-returned-which = ✅ #{ $id }「{ $title }」已归还
loan-returned-which = 你借出的东西不止一件，哪一件还回来了？
loan-borrower-says-returned = { $name } 说已经把 #{ $id }「{ $title }」还给你了。收到了请点“已归还”，暂存的积分会转给你。
loan-asked-lender = 已告诉 { $name }：#{ $id }「{ $title }」已经还了。对方确认后借用就结束了。
err-no-loan = 你现在没有借出或借来的东西。
err-nothing-to-hand = 你现在没有等着交给邻居的东西。同意了邻居的预约后，交接时点「我已交给对方」，或者回复“给了”。
button-extend = ⏳ 想多借几天
loan-due-soon = 提醒：{ $name } 的「{ $title }」明天（{ $date }）到期，记得归还哦。
loan-due-today = 提醒：{ $name } 的「{ $title }」今天（{ $date }）到期，记得归还哦。
loan-overdue = 「{ $title }」已经超过归还日期 { $days } 天了（{ $date } 到期），请尽快还给 { $name }。
loan-overdue-lender = { $name } 借的「{ $title }」已超过归还日期 { $days } 天，我已提醒对方。东西还回来后请点“已归还”。
reminder-late = （补发）
loan-escalated = ⚠️ 社区「{ $community }」：{ $borrower } 借 { $lender } 的 #{ $id }「{ $title }」已逾期 { $days } 天，请社工跟进。
loan-returned-borrower = { $name } 确认收到了归还的 #{ $id }「{ $title }」，借用结束，谢谢！
loan-returned-lender = 已确认归还。{ $points ->
        [0] 谢谢你借给邻居！
       *[other] #{ $id }「{ $title }」的 { $points } 积分已转给你。
    }
loan-lend-again = #{ $id }「{ $title }」又可以借了，群里的卡片已恢复按钮。不想再借出，点「撤回」。
loan-extend-ask = { $name } 想把「{ $title }」多借 { $days } 天，同意吗？
loan-extend-asked = 已问 { $name }，等对方回复。
loan-extend-ok = { $name } 同意了，「{ $title }」改为 { $date } 归还。
loan-extend-done = 好的，新的归还日期是 { $date }。
loan-extend-no = { $name } 这次没有同意延期「{ $title }」，请按时归还。
err-extension-pending = 已经在等对方回复延期了。
nudge-receiver = 提醒：#{ $id }「{ $title }」已经约好 { $days } 天了。{ $what ->
        [help] 帮完了就点“已经帮完了”；
       *[item] 收到了就点“我已收到”；
    }{ $date } 会自动完成。没收到可以回复“撤回 { $id }”取消，积分退回。
nudge-giver = 提醒：#{ $id }「{ $title }」已经约好 { $days } 天了，{ $what ->
        [help] 帮 { $name } 的忙帮完了吗？帮完后点“我已帮完”；
       *[item] 和 { $name } 交接了吗？交给对方后点“我已交给对方”；
    }{ $date } 会自动完成。
listing-check = #{ $id }「{ $title }」还在吗？不续期的话 { $date } 会自动下架。
button-renew = 👍 还在
button-withdraw = 🚫 撤回
listing-renewed = 好的，#{ $id } 继续展示。
listing-expired = #{ $id }「{ $title }」没有续期，已自动下架。想再发可以重新写一条。
topic-post = 🗓 本周话题：{ $topic }
statement-title = 📊 积分月报（{ $date }）
statement-line = { $community }：余额 { $balance }，近一个月获得 { $earned }，使用 { $spent }
statement-on = 好的，每月 1 号给你发积分月报。发 /statement off 可以关掉。
statement-off = 已关闭积分月报。
usage-statement = 用法：/statement on 或 /statement off
reminders-none = 你现在没有待发的提醒。
reminders-title = 你有 { $count } 条待发的提醒：
reminder-loan-due-soon = 借用明天到期
reminder-loan-due = 借用今天到期
reminder-loan-overdue = 借用逾期提醒
reminder-loan-escalate = 逾期告知社工
reminder-handover-nudge = 交接提醒
reminder-listing-check = 问问物品还在吗
reminder-listing-expire = 物品自动下架
reminder-topic = 每周话题
reminder-statement = 积分月报
button-snooze = ⏰ 推迟一天
button-stop = 🔕 不再提醒
reminder-snoozed = 已推迟一天。
reminder-stopped = 这条提醒已取消。

## Ratings and credit
rate-ask = 给 { $name } 在「{ $title }」这次交接中的表现打个分吧（只有社工能看到）：
rate-thanks = 谢谢评价（{ $score }⭐）！
err-already-rated = 这次交接你已经评价过了。
points-credit = 信用分：{ $credit }

## Dialogs (dialogs/*.toml): prompts, buttons and answers
menu-title = 主菜单：回复数字，或点下面的按钮。
menu-offer = 送东西
menu-request = 我想要 / 求助
menu-lend = 借出东西
menu-points = 我的积分
menu-mine = 我的
menu-rate = 评价邻居
menu-report = 举报信息
menu-dispute = 交接有问题
menu-help = 帮助
menu-no-such = 没有这一项。
flow-offer = 送东西
flow-request = 我想要 / 求助
flow-lend = 借出东西
flow-rate = 评价邻居
flow-report = 举报信息
flow-dispute = 交接有问题
flow-language = 切换语言
flow-help = 帮助
dlg-community = 发到哪个邻里群？
dlg-offer-what = 你想送出什么？写个名字就好，比如：儿童自行车
dlg-offer-resource = 「{ $what }」是东西、帮忙，还是手艺？
opt-item = 📦 东西
opt-service = 🤝 帮忙（跑腿、照看…）
opt-skill = 🛠 手艺（修理、辅导…）
dlg-category = 属于哪一类？
cat-kids = 儿童用品
cat-books = 书
cat-clothing = 衣物
cat-kitchen = 厨房用品
cat-appliances = 家电
cat-electronics = 电子产品
cat-furniture = 家具
cat-tools = 工具
cat-sports = 运动用品
cat-other = 其他
cat-garden = 园艺
cat-food = 食物
dlg-condition = 有几成新？
dlg-hours = 大约要几个小时？回复数字，比如 2 或 半小时
dlg-photos = { $count ->
    [0] 请发照片，最多 { $max } 张，从不同角度拍。{ $min ->
        [0] 没有照片就点「跳过」。
       *[other] 至少 { $min } 张。
    }
   *[other] 已收到 { $count } 张（最多 { $max } 张）。还可以再发，发完点「完成」。
}
dlg-points = { $simple ->
    [1] 建议 { $suggested } 积分：回复 1 就用这个，回复 2 免费；想要别的，写“8积分”这样（{ $min }–{ $max }）。
   *[other] 建议 { $suggested } 积分。你想要多少？可以在 { $min }–{ $max } 之间，0 就是免费。
}
dlg-bad-points = 积分要在 { $min }–{ $max } 之间（建议 { $suggested }），或者 0 表示免费。
dlg-offer-confirm = 发布「{ $what }」{ $duration }，{ $points ->
        [0] 免费
       *[other] { $points } 积分
    }？
dlg-request-what = 你需要什么？写个名字就好，比如：电钻
dlg-request-resource = 「{ $what }」是东西、帮忙，还是手艺？
dlg-duration = （{ $duration }）
dlg-request-points = { $simple ->
    [1] 建议给 { $suggested } 积分：回复 1 就给这么多，回复 2 不给积分；想给别的，写“8积分”这样（{ $min }–{ $max }）。
   *[other] 建议 { $suggested } 积分。你愿意给多少？{ $min }–{ $max }，0 就是不给积分。
}
dlg-request-confirm = 发布求助「{ $what }」{ $duration }，{ $points ->
        [0] 不给积分
       *[other] 给 { $points } 积分
    }？
dlg-lend-what = 你想借出什么？写个名字就好，比如：电钻
dlg-return = 什么时候要还回来？比如：12月20日、下周六、7天
dlg-bad-date = 没看懂这个日期。请写 { $first } 到 { $last } 之间的日子，比如 12月20日 或 7天。
dlg-lend-confirm = 借出「{ $what }」，{ $return } 前还，{ $points ->
        [0] 免费
       *[other] { $points } 积分
    }？
dlg-rate-which = 评价哪一次交接？
dlg-rate-stars = 给几颗星？
stars-5 = ⭐⭐⭐⭐⭐ 很好
stars-4 = ⭐⭐⭐⭐ 好
stars-3 = ⭐⭐⭐ 一般
stars-2 = ⭐⭐ 不太好
stars-1 = ⭐ 很差
dlg-rate-comment = 想说一句评语吗？直接回复文字，或点「跳过」。
rate-comment-thanks = 谢谢，评语已记下。
rate-comment-skipped = 好的，不写评语了。谢谢你的评价！
dlg-report-which = 举报哪一条？点按钮，或回复编号，比如 #12
dlg-report-reason = 哪里不对？
reason-fake = 虚假信息
reason-points = 积分不合理
reason-unsafe = 不安全 / 违禁
reason-other = 其他
dlg-report-details = 还想补充什么吗？直接回复，或点「跳过」。
dlg-dispute-which = 哪一次交接有问题？
dlg-dispute-reason = 发生了什么？请简单说说。
dlg-dispute-photos = 有照片的话请发过来（最多 { $max } 张），已收到 { $count } 张。没有就点「跳过」。
dlg-dispute-confirm = 提交给社工处理吗？相关积分会先冻结。
dlg-lang = 请选择语言 / Choose a language
opt-zh = 中文
opt-zh-hant = 繁體中文
opt-en = English
dlg-help = 需要什么帮助？
help-how = 怎么用
help-worker = 请社工联系我
help-simple = 简单模式 开/关
help-lang = 切换语言
dlg-yes = ✅ 是
dlg-no = ❌ 否
dlg-done = ✅ 完成
dlg-skip = ⏭ 跳过
dlg-back = ↩ 返回
dlg-cancel = ✖ 取消
dlg-use-suggested = 👍 { $points } 积分
dlg-free = 🆓 免费
dlg-cancelled = 好的，已取消。
dlg-not-posted = 好的，没有发布。
dlg-nothing-to-cancel = 现在没有要取消的事。
dlg-timeout = 刚才的操作太久没有回复，先结束了。需要时发“菜单”重新开始。
dlg-other = 我听不懂语音和表情，请打字或点按钮。
dlg-bad-text = 请写 { $min }–{ $max } 个字。
dlg-words-not-number = 这一步请用文字回答，比如写东西的名字；不想继续就回复“取消”。
dlg-bad-choice = 请点按钮，或回复 1–{ $max } 的数字。
dlg-bad-hours = 请回复小时数，比如 2、半小时或 1.5（最多 { $max }）。
dlg-bad-number = 请回复 { $min }–{ $max } 之间的数字。
dlg-points-over-balance = 你现在可用 { $balance } 积分，付不起 { $points } 积分。请写 { $balance } 以内的积分，或写“免费”。
dlg-bad-yesno = 请回复“是”或“否”。
dlg-bad-photo = { $min ->
    [0] 请发照片（最多 { $max } 张），发完点「完成」；不想发照片就点「跳过」。
   *[other] 请发照片（最少 { $min } 张，最多 { $max } 张），发完点「完成」。
}
dlg-none-unrated = 你没有要评价的交接。
dlg-none-disputable = 最近 { $days } 天没有可以投诉的交接。
dlg-none-listings = 你的邻里群里现在没有可以举报的信息。
err-dialog-old = 这一步已经过去了。
simple-on = 已开启简单模式：回复数字就能操作。
simple-off = 已关闭简单模式。
mine-title = 📋 我的
mine-listing = #{ $id } { $title }：{ $status ->
        [open] { $kind ->
            [request] 等邻居响应
           *[other] 等人认领
        }
        [reserved] { $kind ->
            [request] 有邻居愿意帮忙
           *[other] 有人想要
        }
        [accepted] 等交接
        [lent] 已借出
       *[other] { $status }
    }
mine-claim = { $kind ->
        [request] 我来帮 #{ $id } { $title }：{ $status ->
            [pending] 等对方同意
           *[other] 等交接
        }
       *[other] 我想要 #{ $id } { $title }：{ $status ->
            [pending] 等对方同意
           *[other] 等交接
        }
    }
mine-loan = 借来的「{ $title }」，{ $date } 要还
mine-nothing = 现在没有进行中的事。

## Helpers acting for a resident
acting-mark = 【代 { $name }】
helper-code = 代办号码：{ $code }（24 小时内有效）。
    把它告诉你信任的家人或社工，对方发 /actfor { $code } 就能替你操作。发 /helper off 可随时取消。
helper-revoked = 已取消代办，{ $count } 位帮手不能再替你操作。
helper-linked = 好的，你可以替 { $name } 操作了：发 /as { $name } 开始，/as off 结束。
helper-linked-resident = { $name } 现在可以替你操作了，每一步都会记在你的明细里。发 /helper off 可随时取消。
acting-on = 现在起你替 { $name } 操作，回复都会标明。发 /as off 结束。
acting-off = 已结束代办。
history-acted = 　{ $date } 由 { $name } 代办：{ $what }
err-helper-code = 这个代办号码不对或已过期，请对方再发 /helper 取一个新号码。
err-not-helper = { $name } 没有同意由你代办。请对方发 /helper 取号码给你。
usage-simple = 用法：/simple on 或 /simple off；社工：/simple 名字 on
simple-on-by-worker = 社工 { $name } 为你开启了简单模式：回复数字就能操作。
simple-off-by-worker = 社工 { $name } 为你关闭了简单模式。
simple-set-for = { $on ->
        [true] 已为 { $name } 开启简单模式。
       *[other] 已为 { $name } 关闭简单模式。
    }

## Trust and safety: disputes, reports, moderation (issue 7)

button-report = ⚠️ 举报
button-compensate = 赔偿 { $points }
button-refund = 退回物品并退款
button-dismiss = 驳回
button-ask-opener = 问发起人
button-ask-other = 问对方
button-hide = 下架
button-warn = 警告
button-approve = ✅ 通过
button-reject = ❌ 不通过
button-verify = 🏠 已上门核实
card-verified = 🏠 社工已核实
card-status-review = 🔍 这条正在审核，暂时不能预约
card-status-removed = 🚫 这条已被社工下架
card-status-reviewed = ✔️ 审核完毕
usage-dispute = 用法：/dispute 编号 原因，例如 /dispute 3 车把是坏的（可以发照片，配文写同样的话）
usage-compensate = 用法：/compensate 纠纷号 积分 原因
usage-report = 用法：/report 编号 原因，例如 /report 3 是假的
usage-verify = 用法：/verify 编号
usage-addworker = 用法：回复那位居民的消息发 /addworker，或 /addworker 数字ID
err-case-closed = 这件事已经处理完了。
err-no-such-case = 没有 #{ $case } 这件事。
err-not-admin = 只有管理员可以任命社工。
err-in-group-only = 请在小区群里用这个命令。
err-under-review = #{ $id } 正在审核，暂时不能预约。
dispute-err-not-yours = #{ $id } 没有你参与的交接。
dispute-err-not-handed-over = #{ $id } 还没有完成交接，有问题可以先回复“撤回 { $id }”取消。
dispute-err-too-late = #{ $id } 交接已超过 { $days } 天，不能再发起纠纷了，可以联系社工。
dispute-err-over-frozen = 最多只能从冻结的 { $frozen } 积分里赔偿。
dispute-opened = 已收到你的纠纷 #{ $case }（#{ $id }「{ $title }」），结果会私信告诉你。{ $who }
dispute-opened-other = { $name } 对 #{ $id }「{ $title }」的交接提出了纠纷 #{ $case }，{ $frozen } 积分先冻结，等社工处理。{ $shortfall ->
    [0] {""}
   *[other] 另有 { $shortfall } 积分不够冻结。
}
dispute-card = ⚖️ 纠纷 #{ $case } · { $community }
    #{ $id }「{ $title }」{ $points } 积分，送出方 { $giver }
    发起：{ $opener }（信用 { $opener_credit }）· 对方：{ $against }（信用 { $against_credit }）
    原因：{ $reason }
    照片 { $photos } 张 { $photo_ids }
    冻结 { $frozen } 积分{ $shortfall ->
        [0] {""}
       *[other] ，送出方余额不足，还差 { $shortfall } 积分
    }
    经过：预约 { $claimed } → 确认交接 { $handed }
    补充：{ $notes }
dispute-note = ⚖️ 纠纷 #{ $case } 补充（{ $name }）：{ $text }（照片 { $photos } 张 { $photo_ids }）
dispute-note-added = 已把你的补充加到纠纷 #{ $case }。
dispute-ask = 社工 { $worker } 想多了解纠纷 #{ $case }（#{ $id }「{ $title }」）。请回复：/dispute { $id } 你的说明（也可以发照片，配文写同样的话）。
dispute-button-reason = 按案件卡片处理
dispute-done-toast = 已处理纠纷 #{ $case }
dispute-asked-toast = 已私信询问，回复会发到这里（纠纷 #{ $case }）
dispute-decided = ⚖️ 纠纷 #{ $case } 已由 { $worker } 处理：{ $outcome ->
    [compensated] 赔偿 { $points } 积分
    [refunded] 退回物品并退款 { $points } 积分
   *[other] 驳回
}
dispute-outcome-compensated = 纠纷 #{ $case }（#{ $id }「{ $title }」）处理结果：赔偿 { $points } 积分。说明：{ $reason }
dispute-outcome-refunded = 纠纷 #{ $case }（#{ $id }「{ $title }」）处理结果：物品退回，{ $points } 积分退给接收方。说明：{ $reason }
dispute-outcome-dismissed = 纠纷 #{ $case }（#{ $id }「{ $title }」）处理结果：驳回，冻结的积分已解冻。说明：{ $reason }
dispute-raised = ⏰ 纠纷 #{ $case }（#{ $id }）已经 { $hours } 小时没人接手，请尽快处理：{ $reason }
dispute-admins = ⏰ 「{ $community }」的纠纷 #{ $case }（#{ $id }）已经 { $hours } 小时没有社工接手，请安排人处理。
report-ask = 为什么要举报 #{ $id }「{ $title }」？
report-ask-toast = 已私信你，请选择原因
report-reason-fake = 假的 / 骗人
report-reason-wrong_points = 积分不合理
report-reason-unsafe = 不安全
report-reason-other = 其他
report-err-not-member = 你不在 #{ $id } 所在的群里，不能举报它。
report-thanks = 谢谢，已把对 #{ $id } 的举报交给社工。
report-thanks-admins = 谢谢，已把对 #{ $id } 的举报交给群管理员（本群还没有社工）。
report-thanks-nobody = 谢谢，已记下对 #{ $id } 的举报。本群还没有社工或管理员能处理，请群管理员在群里发 /setup 指定社工。
report-thanks-toast = 已交给社工，谢谢
report-thanks-message = 谢谢，已把这条消息交给社工。
report-forwarded-reason = 转发举报
report-err-already = 你已经举报过 #{ $id }，社工正在看。
report-err-own = 不能举报自己发布的内容。
report-card = 🚩 举报 #{ $report } · { $community }
    #{ $id }「{ $title }」发布人 { $owner }
    举报人：{ $reporter }（以往：成立 { $upheld } · 驳回 { $dismissed }）
    类别：{ $category } · 原因：{ $reason }
    共 { $reporters } 人举报{ $hidden ->
        [yes] ，已暂时隐藏
       *[other] {""}
    }
report-done-toast = 已处理举报 #{ $report }
report-outcome-upheld = 你的举报成立，内容已下架。{ $points ->
    [0] {""}
   *[other] 奖励 { $points } 积分，谢谢！
}
report-outcome-dismissed = 你的举报经社工查看后没有成立，谢谢关心。
report-outcome-warned = 你的举报已处理：社工提醒了发布人。
report-owner-upheld = 你发布的「{ $title }」经举报核实已被社工下架。如有疑问请联系社工。
report-owner-hidden = 你发布的 #{ $id }「{ $title }」被几位邻居举报，暂时隐藏了，社工会尽快查看。如有误会，社工会恢复它。
report-owner-warned = 社工提醒：你发布的「{ $title }」被邻居举报，请注意描述真实、积分合理。
report-pool-short = 积分池不够，这次没有发举报奖励。
report-reward-memo = 举报奖励
approval-card = 📝 待审核 #{ $id } · { $community }
    { $name } 发布：「{ $title }」{ $points } 积分
listing-pending = 你的 #{ $id } 已提交，社工审核后会出现在群里。
listing-approved = 你的 #{ $id }「{ $title }」已通过审核，已发到群里。
listing-rejected = 你的 #{ $id }「{ $title }」没有通过审核。如有疑问请联系社工。
approve-done = 已通过 #{ $id }
reject-done = 已拒绝 #{ $id }
verify-done = 已标记 #{ $id } 为上门核实。
worker-added = 欢迎 { $name } 成为本社区的社工。
worker-removed = { $name } 不再是本社区的社工。
flood-warning = 你发得太快了，请 { $seconds } 秒后再试。
handbook-all = 全部社区
handbook-title = # 邻里纠纷手册 · { $community }
handbook-summary = 截至 { $date }，社工共处理了 { $count } 件交接纠纷。下面按问题类别汇总，不含任何个人信息。
handbook-none = 还没有处理完的纠纷。
handbook-kind-not_as_described = 与描述不符（{ $count } 件）
handbook-kind-damaged = 物品损坏（{ $count } 件）
handbook-kind-not_received = 没有收到（{ $count } 件）
handbook-kind-no_show = 爽约、迟到（{ $count } 件）
handbook-kind-other = 其他（{ $count } 件）
handbook-outcomes = 结果：赔偿 { $compensated } 件，退回并退款 { $refunded } 件，驳回 { $dismissed } 件
handbook-average = 平均赔偿 { $points } 积分
handbook-tip-not_as_described = 建议：发布时写清成色和缺点，最好附几张不同角度的照片。
handbook-tip-damaged = 建议：交接时当面检查、试用，有问题当场说，并拍照留底。
handbook-tip-not_received = 建议：收到东西再点“我已收到”，不要提前确认。
handbook-tip-no_show = 建议：约好时间地点，临时有事请提前私信对方。
handbook-tip-other = 建议：有疑问先私信沟通，解决不了再找社工。
err-not-while-acting = 代办时不能这样做。先发 /as off 结束代办。
err-helper-locked = 试错的代办号码太多了，请明天再试，或请对方联系社工。

# 交接的全过程（第 18 号问题）
button-handed = 🤝 我已交给对方
button-helped = 🤝 我已帮完
button-write-to = 💬 联系 { $name }
handed-to-receiver = { $what ->
        [help] { $name } 说 #{ $id }「{ $title }」已经帮完了。没问题请点“已经帮完了”；
       *[item] { $name } 说已经把 #{ $id }「{ $title }」交给你了。收到了请点“我已收到”；
    }{ $date } 会自动完成。{ $what ->
        [help] 有问题请找社工（帮助 → 请社工联系我）。
       *[item] 没收到请找社工（帮助 → 请社工联系我）。
    }
handed-done = 已告诉 { $name }，等对方确认{ $what ->
        [help] 。
       *[item] 收到。
    }
handed-already = #{ $id } 你已经说过{ $what ->
        [help] 帮完了
       *[item] 交给对方了
    }，等对方确认。
auto-confirm-to-giver = #{ $id }「{ $title }」交接已自动完成（{ $name } 没有确认，也没有提出问题），{ $points } 积分已转给你。
auto-confirm-to-receiver = #{ $id }「{ $title }」交接已自动完成，{ $points } 积分已转给 { $name }。如有问题，可以 /dispute { $id } 说明。
release-to-claimer = { $name } { $days } 天没有回复你对 #{ $id }「{ $title }」的申请，申请已自动取消{ $refund ->
    [0] 。
   *[other] ，{ $refund } 积分已退回给你。
}
release-to-owner = { $name } 对 #{ $id }「{ $title }」的申请 { $days } 天没有回复，已自动取消，已重新开放。
reminder-handover-auto = 交接自动完成
reminder-claim-release = 申请自动取消
reminder-ticket-remind = 求助再次提醒社工

# 纠纷退款不足时的欠款
points-debt-line = 欠款 { $debt } 积分（之后获得的积分会先用来还）
memo-debt-repay = 还欠款
dispute-debt = 纠纷 #{ $case }（#{ $id }「{ $title }」）：你的积分不够，社区积分池先替你付给对方 { $points } 积分。{ $debt ->
    [0] 社工会和你联系。
   *[other] 你欠 { $debt } 积分（共欠 { $total }），之后获得的积分会先用来还。
}
dispute-debt-workers = ⚖️ 纠纷 #{ $case }：{ $name } 还差 { $points } 积分，已由积分池先付给对方；记为欠款 { $debt } 积分（上限 { $limit }），积分池承担 { $borne } 积分{ $issued ->
    [0] 。
   *[other] ；积分池不够，新发行了 { $issued } 积分。
}

# 没有社工时：群管理员
escalate-admin-note = 这个社区还没有社工，所以告诉你（群管理员）。点“我来当社工”就能处理；也可以在群里发 /setup 名字 请别人来当。
button-setup = 🙋 我来当社工
escalated-workers = 社工会尽快联系你。
escalated-admins = 这个社区还没有社工，已转告群管理员 { $names }。
escalated-nobody = 这个社区还没有社工，也没有能联系上的群管理员；你的请求已经记下，有社工时会第一时间看到。
err-setup-in-group = 请在小区群里发 /setup（只有群管理员可以）。
err-setup-not-admin = 只有群管理员可以设置社区的社工。
setup-done-group = ✅ { $name } 现在是本社区的社工，会处理举报、纠纷和求助。
setup-done-worker = 你现在是「{ $community }」的社工（{ $by } 设置）。举报、纠纷和居民求助会发给你。
setup-already = 你已经是这个社区的社工了。
setup-toast = 好的，你现在是社工了。

# 请社工联系我：求助单
ticket-card = 🙋 求助 #{ $ticket } · { $community }
    { $name } 请社工联系他/她。
ticket-raised = ⏰ 请求 #{ $ticket }（{ $name }，{ $community }）已经 { $hours } 小时没人接手，请尽快联系。
button-ticket-take = 我来联系
button-ticket-done = 已处理
ticket-opened = 求助 #{ $ticket } 已发出。{ $who }
ticket-already-open = 你的请求 #{ $ticket } 已经发出，还在等社工接手。
ticket-already-taken = 你的请求 #{ $ticket } 已由社工 { $worker } 接手，他/她会联系你。
ticket-was-taken = 请求 #{ $ticket } 已由 { $worker } 接手。
ticket-was-done = 请求 #{ $ticket } 已由 { $worker } 处理完。
ticket-taken-resident = 社工 { $worker } 接手了你的请求 #{ $ticket }，会尽快联系你。
ticket-taken-worker = 你接手了请求 #{ $ticket }。点下面的按钮给 { $name } 发消息。
ticket-take-toast = 已接手请求 #{ $ticket }
ticket-already-done = 请求 #{ $ticket } 已经处理完了。
ticket-done-resident = 社工 { $worker } 把你的请求 #{ $ticket } 标记为已处理。还有问题可以再找社工。
ticket-done-by-other = 你接手的请求 #{ $ticket } 已由社工 { $worker } 标记为已处理。
ticket-done-toast = 请求 #{ $ticket } 已处理

# 积分快过期
points-expire-soon = 提醒：你在「{ $community }」有 { $points } 积分会在 { $date } 过期。用来换东西或请人帮忙，就不会浪费。

# 私聊发来的照片：开始送东西
photo-starts-offer = 收到照片 📷 我们来把它发到群里送出去（不想送就回复“取消”）。
err-not-for-yourself = 社工不能给自己加减积分，请另一位社工来做。
dispute-err-settled = #{ $id } 这次交接的纠纷 #{ $case } 已经处理过了。有新情况请找社工（帮助 → 请社工联系我）。
err-withdraw-handed = { $name } 说已经把 #{ $id } 交给你了，所以不能直接取消。如果没收到，请找社工（帮助 → 请社工联系我），社工会处理。
setup-already-named = { $name } 已经是这个社区的社工了。
handed-after-done = #{ $id } 的交接已经完成了，不用再点。

# 回复卡片或原帖：对这件东西感兴趣
reply-interest-offer = 想要 #{ $id }「{ $title }」吗？{ $points ->
    [0] 免费，点下面的按钮预约。
   *[other] { $points } 积分，点下面的按钮预约，积分会先暂存。
}
reply-interest-request = 能帮 #{ $id }「{ $title }」（{ $points } 积分）吗？点下面的按钮告诉对方。
reply-not-open = #{ $id }「{ $title }」现在不能预约了（已有人预约或已结束）。
reply-list-choose = 这条帖子里有 { $count } 件还能预约，想要哪一件？点下面看看。
reply-list-none-open = 这条帖子里的东西现在都不能预约了（已有人预约或已结束）。
err-admin-setup-first = 你是群管理员，但还不是这个社区的社工：先点“我来当社工”（或在群里发 /setup），再处理。
points-frozen-line = 纠纷中冻结 { $frozen } 积分（社工处理后解冻或赔付）

## Offline swap events (活动)
flow-event = 发起活动
flow-event-item = 登记带去的东西
flow-event-feedback = 活动评价
memo-event-attend = 参加活动
memo-event-volunteer = 活动志愿者
memo-event-swap = 活动交换：{ $title }
event-theme-any = 什么都收
event-groups-one = 只发在主办社区的群
event-groups-all = 发到我负责的所有群
event-repeat-none = 只办一次
event-repeat-weekly = 每周同一天
event-repeat-monthly = 每月同一个星期几（如每月第一个周六）
dlg-event-not-created = 好的，活动没有创建。
dlg-event-community = 活动由哪个社区主办（积分由它发）？
dlg-event-title = 活动叫什么名字？比如：旧书交换会
dlg-event-theme = 收哪一类东西？
dlg-event-place = 在哪里办？比如：3号楼一层活动室
dlg-event-date = 哪一天？（比如 12月6日、下周六）
dlg-event-time = 几点开始？（比如 9:30、下午两点）
dlg-bad-time = 没看懂这个时间。请写 9:30、14:00 或 下午两点。
dlg-event-hours = 办几个小时？（1–12）
dlg-event-slots = 要分时段或分区吗？比如“9:00 儿童区，10:00 图书区”。不需要就点「跳过」。
dlg-event-capacity = 最多几个人参加？（1–500）
dlg-event-item-limit = 每户最多带几件东西？（0–20，0 表示不用带）
dlg-event-attend-points = 到场签到的居民得几积分？（0–100，0 表示不给）
dlg-event-volunteer-points = 志愿者得几积分？（0–200）
dlg-event-groups = 发到哪些群？
dlg-event-repeat = 要定期办吗？
dlg-event-confirm = 请核对：
    「{ $title }」· { $theme }
    🕘 { $date } { $time }，{ $hours } 小时 · 📍 { $place }
    👥 { $capacity } 人，每户带 { $item_limit } 件
    ⭐ 签到得 { $attend_points } 积分，志愿者得 { $volunteer_points } 积分
    📣 { $groups } · 🔁 { $repeat }
    发布吗？（要改哪一项，点「返回」）
dlg-event-item-not-added = 好的，没有登记。
dlg-event-item-what = 你要带什么？（比如：绘本 5 本）
dlg-event-stars = 这次活动怎么样？
dlg-event-comment = 想说点什么吗？（可以跳过）
dlg-event-next = 下次想办什么活动？（比如：儿童用品交换，可以跳过）
button-event-join = 🙋 报名
button-event-join-n = { $n }. 报名「{ $title }」
button-event-bring = 🎁 我带东西
button-event-show-n = { $n }. 查看「{ $title }」
button-event-bring-more = 🎁 再登记一件
button-event-leave = 取消报名
button-checkin-name = ☐ { $name }{ $people ->
    [1] {""}
   *[other] ×{ $people }
}
event-card = 📅 活动 #{ $event }：{ $title }
    🕘 { $when }
    📍 { $place }
    👥 共 { $capacity } 个名额，{ $left ->
        [0] 已满，现在报名进候补
       *[other] 还剩 { $left } 个
    }{ $waiting ->
        [0] {""}
       *[other] ，候补 { $waiting } 人
    }
    🎁 { $limit ->
        [0] 不用带东西
       *[other] 每户最多带 { $limit } 件（{ $theme }）
    }{ $points ->
        [0] {""}
       *[other] { " " }· 到场签到得 { $points } 积分
    }{ $slots }
    回复这条消息“报名”（或“+1”“我家两个人”），或点下面的按钮。
event-card-closed = 📅 活动 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    报名已截止。
event-card-started = 📅 活动 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    活动进行中，欢迎现场参加。
event-card-done = 📅 活动 #{ $event }：{ $title } 已结束，谢谢大家！
event-card-cancelled = 📅 活动 #{ $event }：{ $title } 已取消。
event-created = ✅ 活动 #{ $event }「{ $title }」已发布到：{ $groups }。时间：{ $when }。
    报名情况：/event { $event }；名单和签到：/event { $event } 名单；加志愿者：/event { $event } 志愿者 名字。
event-joined = ✅ 你报名了「{ $title }」{ $people ->
        [1] {""}
       *[other] （{ $people } 人）
    }。
    🕘 { $when } · 📍 { $place }
    签到码：{ $code }（到场时给志愿者看这个码或上面的二维码）{ $limit ->
        [0] {""}
       *[other] {"\u000A"}可以带 { $limit } 件东西来交换，先点「我带东西」登记。
    }
event-waitlisted = 🕒 「{ $title }」（{ $when }）名额已满，你在候补第 { $position } 位。有人取消时我会马上告诉你。
event-join-toast = 报名成功！签到码已私信发给你。
event-waitlist-toast = 名额已满，你已进入候补。
event-already-in = 你已经报名了「{ $title }」（{ $people } 人），签到码：{ $code }。
event-already-waiting = 你在「{ $title }」的候补第 { $position } 位。
event-people-changed = 已改为 { $people } 人参加「{ $title }」。
event-left = 已取消「{ $title }」的报名。
event-promoted = 🎉 有人取消了，「{ $title }」给你留了名额！
event-none = 近期没有可以报名的活动。有活动时会发在群里。
event-list-title = 近期活动：
event-list-line = { $n }. #{ $event }「{ $title }」{ $when } · { $place } · { $left ->
        [0] 已满（可候补）
       *[other] 剩 { $left } 个名额
    }{ $mine ->
        [confirmed] { " " }· ✅ 你已报名
        [waitlist] { " " }· 🕒 你在候补
       *[other] {""}
    }
event-list-hint = 回复数字或点按钮报名。
event-show = 📅 活动 #{ $event }：{ $title }
    🕘 { $when } · 📍 { $place }
    👥 已报名 { $taken }/{ $capacity }{ $waiting ->
        [0] {""}
       *[other] ，候补 { $waiting } 人
    }{ $slots }
event-table-empty = 🧺 交换桌上还没有东西。
event-table-title = 🧺 交换桌（{ $count } 件）：
event-table-line = #{ $id } { $title } · { $category } · { $owner }{ $status ->
        [done] （已换出）
       *[other] {""}
    }
event-bring-start = 登记带到「{ $title }」的东西（{ $theme }，已登记 { $have }/{ $limit } 件）。
event-item-added = ✅ 「{ $what }」（#{ $id }）已放上「{ $title }」的交换桌（{ $have }/{ $limit } 件）。
event-attendees = 📋 「{ $title }」签到：已签到 { $done } 户，未到 { $waiting } 户。点名字签到，或发 /checkin 签到码。现场来的人：/event { $event } 现场 名字。
checkin-ok = ✅ { $name }{ $people ->
        [1] {""}
       *[other] （{ $people } 人）
    } 签到成功。已到 { $done }/{ $taken } 人。
checkin-used = ⚠️ { $name } 已经在 { $at } 签到过了（每个签到码只能用一次）。
checkin-wrong = ❌ 没有这个签到码：{ $code }。请再核对一下（还能试 { $left } 次）。
checkin-wrong-event = ⚠️ 这个签到码不是活动 #{ $want } 的，是活动 #{ $event }「{ $title }」的。
checkin-ended = ⚠️ 活动 #{ $event }「{ $title }」已经结束（或取消）了，不能再签到。
checkin-cancelled = ⚠️ { $name } 已经取消了报名。人来了的话，用“/event { $event } 现场 { $name }”加进来。
checkin-locked = 错误的签到码太多了，请 { $minutes } 分钟后再试，或点名单签到。
checkin-other-day = ⚠️ 活动 #{ $event }「{ $title }」在 { $when }，签到只在活动当天。
checkin-not-confirmed = ⚠️ { $name } 在候补名单上，还没有名额。需要的话用“现场”加入。
checkin-welcome = 👋 欢迎来到「{ $title }」，签到成功！{ $points ->
        [0] {""}
       *[other] 获得 { $points } 积分。
    }
event-walkins-added = 已记下现场来的 { $people } 人。
event-volunteer-added = 已请 { $name } 做「{ $title }」的志愿者，他/她可以帮忙签到。
event-volunteer-already = { $name } 已经是志愿者了。
event-volunteer-you = 🙌 你是活动 #{ $event }「{ $title }」（{ $when }）的志愿者。到场后可以用 /checkin 签到码 或 /event { $event } 名单 帮大家签到。{ $points ->
        [0] {""}
       *[other] 活动结束后得 { $points } 积分。
    }
event-volunteer-thanks = 🙏 谢谢你为「{ $title }」帮忙！{ $points ->
        [0] {""}
       *[other] { $points } 积分已到账。
    }
event-closed-ok = 「{ $title }」已截止报名。
event-cancelled-ok = 「{ $title }」已取消，报名的居民都收到了通知。
event-cancelled-you = 😔 很抱歉，「{ $title }」取消了。原因：{ $reason }
event-photo-added = 📷 照片已存入「{ $title }」（共 { $count } 张）。
event-swap-recorded = 🔁 已记录：{ $two ->
        [1] { $giver } 的「{ $what }」和 { $taker } 的「{ $other }」交换了
       *[other] { $giver } 把「{ $what }」给了 { $taker }{ $points ->
            [0] {""}
           *[other] （{ $points } 积分）
        }
    }。
event-remind-day = ⏰ { $today ->
        [1] 今天
       *[other] 明天
    }的活动：「{ $title }」
    🕘 { $when } · 📍 { $place }
    签到码：{ $code }。去不了请点「取消报名」，把名额让给候补的邻居。
event-remind-soon = ⏰ 「{ $title }」快开始了：{ $when }，{ $place }。签到码：{ $code }。
button-event-coming = ✅ 我会去
button-event-leave-ok = 确认取消
button-event-join-fewer = 先报 { $people } 人
button-event-wait-all = { $people } 人一起候补
button-event-show = 查看
event-leave-ask = 确定要取消「{ $title }」（{ $when }）的报名吗？名额会让给候补的邻居。
event-coming = 好的，到时见！「{ $title }」{ $when }，{ $place }。{ $status ->
        [waitlist] 你还在候补，有名额我马上告诉你。
       *[other] 签到码：{ $code }。
    }
event-too-few-places = 「{ $title }」只剩 { $left } 个名额，你们 { $people } 人。可以先报 { $left } 人，或者 { $people } 人一起候补（有人取消时按顺序补上）。
event-series-next = 🔁 定期活动的下一场已发布：#{ $event }「{ $title }」，{ $when }。要取消这一场：/event { $event } 取消 原因
mine-event = 📅 活动 #{ $event }「{ $title }」{ $when } · { $place } · { $status ->
        [waitlist] 候补中
       *[other] 签到码 { $code }
    }
event-feedback-ask = 谢谢你来参加「{ $title }」！给这次活动打个分吧：
event-stars-kept = 已记下 { $stars } 星，谢谢！
event-feedback-thanks = 谢谢你的评价（{ $stars } 星）！社工会根据大家的意见办下一次活动。
event-ended-workers = 📅 活动已结束。{ $report }
event-report-workers = 📊 活动报告（含居民评价）：{ $report }
event-report = 活动 #{ $event }「{ $title }」（{ $when }）
    报名 { $signed }/{ $capacity } 人，候补 { $waitlist } 人，取消 { $cancelled } 人
    签到 { $checked } 人（现场 { $walkins } 人），没来 { $noshows } 户
    交换桌 { $items } 件，换出 { $swapped } 件（记录 { $swaps } 次）
    发出积分 { $points }，志愿者 { $volunteers } 人，照片 { $photos } 张
    评价 { $ratings } 条，平均 { $rating } 星
event-report-next = 下次想办：{ $next }
err-event-past = 活动时间已经过了，请选以后的日子和时间。
err-event-unknown = 没有活动 #{ $event }。发“活动”看看近期的活动。
err-event-closed = 活动 #{ $event }「{ $title }」已经不能报名了。
err-event-not-joined = 你没有报名「{ $title }」。
err-event-none-joined = 你现在没有报名任何活动。
err-event-which = 你报名了几个活动，请写编号，比如 /leave 3：
    { $events }
err-event-leave-late = 「{ $title }」已经签到或结束，不能取消了。
err-event-bring-join = 请先报名「{ $title }」，再登记带去的东西。
err-event-bring-waiting = 你还在「{ $title }」的候补名单上，有了名额再登记带去的东西。
err-event-item-limit = 每户最多带 { $limit } 件，已经登记满了。
err-event-theme = 这次活动只收：{ $theme }。
err-event-subcommand = 活动命令：/event 编号 名单、现场 名字、志愿者 名字、报告、截止、取消。
err-checkin-usage = 请写签到码，比如：/checkin K7M3PX
err-checkin-not-staff = 只有这个活动的社工和志愿者可以签到。
err-swap-not-staff = 只有这个活动的社工、志愿者，或东西的主人可以记录交换。
err-event-volunteer-usage = 请写志愿者的名字，比如：/event { $event } 志愿者 王阿姨
err-event-cancel-reason = 请写取消的原因，居民会收到，比如：/event { $event } 取消 场地临时维修
err-swap-usage = 记录交换：/swap #12 #15（两件互换），或 /swap #12 名字（送给某人）。
err-swap-not-event = #{ $id } 不在活动的交换桌上。
err-swap-taken = #{ $id } 已经换出去了。
err-feedback-not-attended = 只有到场签到的居民可以评价这个活动。
err-feedback-given = 你已经评价过这个活动了，谢谢！

## Finding and matching
match-offer-for-you = 🔔 你在找的「{ $wanted }」，有邻居送出了：#{ $id }「{ $title }」{ $points ->
        [0] （免费）
       *[other] （{ $points } 积分）
    }。点下面看看。
match-seekers-told = 有 { $count } 位邻居正在找类似「{ $title }」的东西，已经告诉他们了。
match-offers-title = 你求的「{ $title }」，邻居们已经有这些：
match-offer-line = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免费
       *[other] { $points } 积分
    }
button-claim-n = { $n }. 看看「{ $title }」
find-title = 找到 { $count } 件和「{ $query }」有关的东西：
browse-title = 邻居们最近送出的东西：
find-line = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免费
       *[other] { $points } 积分
    } · { $owner }（{ $community }）
find-hint = 回复数字看看是哪一件。
button-find-pick = { $n }. { $title }
button-find-more = ▶ 更多（下一页）
find-none = 暂时没有「{ $query }」。要我在群里帮你发一条求助吗？（想送出这个，发“我要送东西”。）
browse-none = 现在群里还没有可以领的东西。
button-find-ask = 🙋 帮我发求助
find-picked = #{ $id }「{ $title }」，{ $owner } 送出，{ $points ->
        [0] 免费
       *[other] { $points } 积分
    }。要这一件吗？
button-find-claim = ✅ 我要这一件
button-wish-add = 🔔 有了提醒我
wish-added = 🔔 好的，有「{ $text }」时私信告诉你（到 { $date }）。发“心愿”查看或取消。
wish-none = 你还没有心愿。发“提醒我 婴儿车”，有了就告诉你。
wish-list-title = 🔔 你的心愿（有了会私信告诉你）：
wish-line = { $n }. { $text }（到 { $date }）
button-wish-off = ✖ 不用了：{ $text }
wish-ended = 好的，这个心愿取消了。
err-wish-too-many = 心愿最多 { $max } 个，请先取消一个（发“心愿”）。
err-wish-empty = 请写想要什么，比如：提醒我 婴儿车
button-match-see = 👀 看看
button-find-back = ↩ 回到列表
match-request-still = 你的求助 #{ $id }「{ $title }」还需要吗？已经有了的话，点下面撤下，免得邻居再来问。
button-request-done = ✅ 已经有了，撤下
card-priority = 🤝 先给有需要的邻居，{ $at } 后所有人可领
priority-wait = #{ $id }「{ $title }」是捐赠的东西，先给有需要的邻居，{ $at } 后所有人都可以领。要到时提醒你吗？
priority-cap = 这一周你已经领了 { $cap } 件优先的东西，把机会留给其他邻居吧。#{ $id }「{ $title }」{ $at } 后所有人都可以领，要到时提醒你吗？
button-priority-wait = 🔔 开放时提醒我
priority-wait-ok = 好的，开放时告诉你。
priority-open = 🔔 #{ $id }「{ $title }」现在所有人都可以领了。
priority-first = 🤝 有捐赠的东西先给你看：#{ $id }「{ $title }」{ $points ->
        [0] （免费）
       *[other] （{ $points } 积分）
    }，{ $at } 前只有需要照顾的邻居能领。
priority-you-on = 社工 { $worker } 为你开通了优先领取：捐赠的东西会先告诉你。这件事只有社工知道。
priority-you-off = 社工 { $worker } 结束了你的优先领取。
priority-marked = 已为 { $name } 开通优先领取（复核日期：{ $review }），已记录。
priority-unmarked = 已结束 { $name } 的优先领取，已记录。
priority-list-title = 🤝 优先领取的居民（只有社工可见）：
priority-list-line = { $name } · { $community } · { $reason } · 复核 { $review }
priority-list-none = 还没有。/priority 名字 on 原因（看过的证明） 复核日期
err-priority-usage = 用法：/priority 名字 on 原因 复核日期（如 2027-06-01），或 /priority 名字 off，或 /priority 查看名单。
err-priority-reason = 请写原因（看过的证明），比如：/priority 王奶奶 on 低保证 2027-06-01
card-status-reserved-quiet = ⏳ 已有邻居预约，等发布人确认

## Suggestions, only with consent
recommend-status-off = 🎯 每周推荐：未开启。
    开启后，我会记下你搜过、领过的东西（只用来给你推荐，别人和社工都看不到），每周私信推荐至多 { $count } 件合适的闲置。记录保留 { $days } 天。
    随时可以关掉，发“删除记录”删除。现在记着 { $kept } 条。
recommend-status-on = 🎯 每周推荐：已开启。我记着你搜过、领过的 { $kept } 条（保留 { $days } 天，只用来给你推荐），每周私信推荐至多 { $count } 件。
    发“推荐 关”关掉，发“删除记录”删除。
recommend-on = ✅ 已开启每周推荐。从现在起我会记下你搜的、领的东西（只用来给你推荐），每周私信你至多 { $count } 件。发“推荐 关”关掉，发“删除记录”删除。
recommend-off = 好的，每周推荐关了，不再记录你搜的、领的东西。{ $kept ->
        [0] 没有留下任何记录。
       *[other] 之前记下的 { $kept } 条还在，点下面删除。
    }
button-recommend-on = ✅ 开启推荐
button-recommend-off = 🔕 关闭推荐
button-forget = 🗑 删除记录
forget-done = 🗑 已删除：{ $interests } 条搜索和领取记录，{ $suggestions } 条推荐记录。
forget-done-still-on = 🗑 已删除：{ $interests } 条搜索和领取记录，{ $suggestions } 条推荐记录。推荐还开着，之后搜的东西会重新记下；不想要就点下面关掉。
usage-recommend = 用法：发“推荐 开”或“推荐 关”；只发“推荐”看看现在的设置。
suggest-title = 🎯 本周推荐（你开启了推荐，只有你能看到）：
suggest-line-searched = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免费
       *[other] { $points } 积分
    } —— 你搜过「{ $because }」
suggest-line-claimed = { $n }. #{ $id }「{ $title }」{ $points ->
        [0] 免费
       *[other] { $points } 积分
    } —— 你领过「{ $because }」
suggest-footer = 回复数字看看是哪一件。
err-priority-review = 请写复核日期（以后的日子），比如：/priority 王奶奶 on 低保证 2027-06-01。到那天我会提醒你复核。
priority-off-reason = 结束优先领取
err-priority-not-marked = { $name } 现在没有优先领取。
priority-review-due = 🗓 { $name } 的优先领取今天到复核日期（{ $review }，原因：{ $reason }）。继续：/priority { $name } on 原因 新的复核日期；结束：/priority { $name } off。在你处理之前，优先领取照常有效。
a-neighbour = 一位邻居
menu-find = 找东西 / 求帮忙
flow-find = 找东西
dlg-find-what = 想找什么？写名字就行，比如：老花镜
err-wish-twice = 你已经有「{ $text }」这个心愿了，有了会告诉你。

## The workers' desk
stats-text = 📊 { $community } · { $period }
    居民 { $residents } 人（新加入 { $new }，活跃 { $active }）
    发布：送出 { $offers }（物品 { $offers_item } · 帮忙 { $offers_service } · 手艺 { $offers_skill }）；求助 { $requests }（物品 { $requests_item } · 帮忙 { $requests_service } · 手艺 { $requests_skill }）
    完成交接 { $handovers } 次，借出 { $loans } 次
    积分：交接流转 { $moved }，新发放 { $issued }；公益池现有 { $pool }
    举报：新 { $reports_opened }，已处理 { $reports_settled }，待处理 { $reports_open }
    纠纷：新 { $disputes_opened }，已解决 { $disputes_settled }（平均 { $dispute_hours } 小时），待处理 { $disputes_open }
    活动 { $events } 场：报名 { $signed_up } 人，签到 { $checked_in } 人
chart-title = { $community }  { $period }
chart-offers = 送出
chart-requests = 求助
chart-handovers = 交接
chart-loans = 借出
chart-new = 新居民
chart-active = 活跃
chart-checked-in = 活动签到
chart-count = 次数 / 人数
export-sent = 📄 { $community } · { $period }：{ $count } 个 CSV 文件（发布、交接、积分流水、活动、签到、问卷回答）。居民只显示昵称，不含电话。
err-desk-period = 没看懂时间段（开始日期要早于结束日期）。可以写：本周、上周、本月、上月、今年、最近30天，或 2026-11-01 2026-11-30。
err-desk-community = 你负责的社区里没有名字含「{ $name }」的。（时间段可以写：本周、上周、本月、上月、今年、最近30天，或 2026-11-01 2026-11-30。）
audit-title = 🧾 最近 { $count } 条社工操作：
audit-none = 还没有记录。
audit-line = { $at } { $who } · { $what } · { $whom }{ $points } · { $why }（{ $community }）
audit-points = （{ $points } 积分）
audit-grant = 发放积分
audit-subsidy = 公益补贴
audit-adjust = 调整积分
audit-reverse = 冲正
audit-donation = 捐赠入池
audit-setpoints = 改积分
audit-priority_on = 开通优先领取
audit-priority_off = 结束优先领取
audit-simple_on = 开启简单模式
audit-simple_off = 关闭简单模式
audit-addworker = 添加社工
audit-removeworker = 移除社工
audit-approve = 审核通过
audit-reject = 审核不通过
audit-verify = 上门核实
audit-event_created = 发起活动
audit-event_cancelled = 取消活动
audit-event_checkin = 活动签到
audit-event_volunteer = 活动志愿者
audit-dispute_open = 纠纷立案
audit-dispute_take = 接手纠纷
audit-dispute_ask = 请补充说明
audit-setup = 设为社工
digest-title = 🗓 每周小结（最近 7 天）
flow-feedback = 问题反馈
dlg-feedback-text = 请写下遇到的问题或建议，社工会看到并回复你。
usage-feedback = 请在 /feedback 后面写下问题或建议，比如：/feedback 群里的二维码扫不出来
ticket-card-feedback = 💬 反馈 #{ $ticket } · { $community }
    { $name }：{ $text }
ticket-opened-feedback = 谢谢你的反馈（#{ $ticket }），已转给社工。{ $who }
ticket-card-emergency = 🆘 需要帮助 #{ $ticket } · { $community }
    { $name }：{ $text }
ticket-opened-emergency = 🆘 已转给社工（求助 #{ $ticket }）。{ $who }情况紧急请直接打 110 / 120。

## Emergencies
usage-emergency = 用法：/emergency 通知内容（至少 2 个字）；要清点物资就在后面加“| 发电机, 轮椅, 常用药”。/emergency 看现在的统计，/emergency 结束 解除。
err-emergency-open = 「{ $community }」已经有一个没结束的紧急通知。发 /emergency 看统计，发 /emergency 结束 先解除。
err-emergency-over = 这个紧急通知已经结束了。有困难请发“请社工联系我”。
emergency-notice = 🆘 紧急通知（社工 { $worker }）：{ $text }
    请每户点一下报平安。需要帮助的点“我需要帮助”，社工会私下联系你；你的回答只有社工看得到。
emergency-rollcall-simple = 家里有 { $items } 的，请回复“我家有{ $first }”这样的话。
emergency-rollcall = 📋 谁家有：{ $items }？有的请点（只有社工看得到）。
button-emergency-safe = ✅ 我安全
button-emergency-need = 🆘 我需要帮助
button-emergency-help = 🙋 我能帮忙
emergency-answered-safe = 收到，你平安。谢谢！
emergency-answered-need-short = 收到，已转给社工。
emergency-answered-need = 收到，社工会尽快私下联系你。情况紧急请直接打 110 / 120。
emergency-answered-help = 谢谢你！社工会联系你安排。
emergency-has-noted = 已记下：你家有 { $item }。社工需要时会联系你。
emergency-ticket-text = 紧急通知“{ $text }”：点了“我需要帮助”
emergency-sent = 🆘 紧急通知已发到：{ $communities }。统计会实时更新；{ $minutes } 分钟后把还没回复的居民列给你，方便打电话。
emergency-tally = 🆘 应急 #{ $id } · { $community } · { $status }
    { $text }
    ✅ 安全 { $safe } · 🆘 需要帮助 { $need } · 🙋 能帮忙 { $help } · 未回复 { $none }
emergency-status-open = 进行中
emergency-status-closed = 已结束
emergency-need-list = 需要帮助：{ $names }
emergency-need-taken = { $name }（{ $time }，{ $worker } 已接手）
emergency-need-done = { $name }（{ $time }，✅ { $worker } 已处理）
emergency-help-list = 能帮忙：{ $names }
emergency-item-line = { $item }：{ $count } 户{ $count ->
        [0] {""}
       *[other] （{ $names }）
    }
emergency-none = 现在没有进行中的紧急通知。
emergency-over = ✅ 紧急情况已解除：{ $text }。谢谢大家！
emergency-call-list = 📞 应急 #{ $id }：{ $minutes } 分钟过去了，还有 { $count } 位居民没回复，请电话联系：{ $names }
emergency-all-answered = ✅ 应急 #{ $id }：所有居民都回复了。
audit-emergency = 紧急通知
audit-emergency_end = 解除紧急通知
needs-title = 🔥 近 30 天没找到的需求（{ $community }），和前 30 天比：
needs-none = 近 30 天没有没找到的求助。
needs-other = 其他
needs-line = { $n }. { $category } { $count } { $arrow }（前 30 天 { $before }）：{ $titles }
needs-forecast = 📈 预测未来 30 天：约 { $next } 条没找到的求助（按最近两期平均；用同样方法回测过去 { $windows } 期，平均误差 ±{ $error } 条）。
needs-forecast-short = 📈 预测未来 30 天：约 { $next } 条（历史不足两期，还无法回测误差）。
ticket-raised-emergency = ⏰ 🆘 需要帮助 #{ $ticket }（{ $name }，{ $community }）已经 { $minutes } 分钟没人接手，请马上联系。
emergency-ticket-typed = 紧急通知“{ $text }”：{ $where ->
    [group] 在群里说
   *[private] 私聊说
}“{ $typed }”
emergency-ended = 已解除：{ $communities }。{ $waiting ->
        [0] {""}
       *[other] 还有 { $waiting } 个需要帮助的求助没处理完，请继续跟进。
    }
audit-dispute_compensated = 纠纷：补偿
audit-dispute_refunded = 纠纷：退回
audit-dispute_dismissed = 纠纷：驳回
audit-report_upheld = 举报属实
audit-report_dismissed = 举报不成立
audit-report_warned = 举报：提醒
audit-ticket_taken = 接手求助
audit-ticket_done = 求助已处理

## Needs surveys (问卷调查)
usage-poll = 用法：/poll 问题？ 选项1 / 选项2 / 选项3（2–10 个选项），或 /poll 问题 | 选项1 | 选项2。注意：投票不是匿名的，群里的人在 Telegram 上能看到谁投了什么；敏感的问题请用 /survey 问卷（只有社工看得到）。
usage-survey = 用法：/survey 问卷标题 | 问题1？ 选项1 / 选项2 | 问题2（没有选项的题请居民自己写）。也可以每行写一题。/survey 看列表，/survey 编号 看结果，/survey 编号 结束。
err-survey-question = 每道题至少要写 2 个字。
err-survey-long = 题目最多 300 个字，每个选项最多 100 个字。
err-survey-options = 一道题最多 10 个选项。
err-survey-same = 选项“{ $option }”写了两次，请改一下。
err-survey-many = 一份问卷最多 20 道题。
err-survey-unknown = 没有找到这份问卷（或它不属于你服务的社区）。发 /survey 看列表。
err-survey-closed = 这份问卷已经结束了，谢谢关心！
err-survey-is-poll = 这是群里的投票，请直接在群里的投票上点选。
err-survey-pick = 请回复 1–{ $max } 里的数字，或点下面的按钮；不想答回复“跳过”。
err-survey-answer-long = 回答最多 { $max } 个字，请写短一点。
poll-sent = 📊 投票 #{ $id } 已发到「{ $community }」。每人一票（改票以最新的为准）；我不会在群里公布结果，统计看：/survey { $id }。注意：投票不是匿名的，群成员在 Telegram 里能看到谁投了什么。
survey-sent = 📋 问卷 #{ $id } 已发到「{ $community }」，居民点按钮后在私聊里一题一题回答。看结果：/survey { $id }；结束：/survey { $id } 结束
survey-notice = 📋 社工 { $worker } 想听听大家的想法：「{ $title }」（{ $count } 道题）
    点下面的按钮，在私聊里回答；你的回答只有社工看得到。
survey-notice-private = 📋 社工 { $worker } 的问卷：「{ $title }」（{ $count } 道题）
    回复 1 开始填写。选择题回复数字，其他题写几个字就行。
button-survey-fill = 📝 填写问卷
survey-none-open = 现在没有要填的问卷。谢谢你！
survey-open-list = 有这些问卷等你填写，回复数字开始：
survey-already = 「{ $title }」你已经填过了，谢谢！每人只填一次。
survey-thanks = 谢谢！「{ $title }」已经填完，你的回答交给了社工，只有社工能看到。
survey-question = 📋 { $title } · 第 { $n }/{ $count } 题
    { $question }
survey-write = 请直接写下你的回答；不想答请回复“跳过”。
survey-pick = 请回复 1–{ $max } 的数字，或点按钮；不想答回复“跳过”，发“取消”下次再填。
survey-poll-closed = 投票已结束：{ $title }
survey-list-title = 📋 问卷和投票（最新的在前）：
survey-list-empty = 还没有。发 /poll 问题？ 选项 / 选项 发起投票，或 /survey 标题 | 问题 | 问题 发问卷。
survey-list-line = #{ $id } { $kind ->
        [poll] 📊 投票
       *[form] 📋 问卷
    } · { $title } · { $community } · { $people } 人参与 · { $open ->
        [yes] 进行中
        [draft] 草稿（没发出）
       *[no] 已结束
    }
survey-list-hint = /survey 编号 看结果（含图表和 CSV），/survey 编号 结束
survey-results-title = { $kind ->
        [poll] 📊 投票
       *[form] 📋 问卷
    } #{ $id } · { $title } · { $community }
    { $people } 人参与 · { $open ->
        [yes] 进行中
        [draft] 草稿（没发出）
       *[no] 已结束
    }（结果只给社工看）
survey-results-finished = 全部答完的：{ $count } 人
survey-results-no-words = （还没有人写）
survey-results-more = …还有 { $count } 条，见 CSV 文件
chart-people = 人数
err-poll-options = 投票至少要 2 个选项，用“/”隔开，比如：/poll 哪天办？ 周六 / 周日
err-survey-one-option = “{ $question }”问号后面只有一个选项。选项请用“/”隔开（如：有 / 没有）；要大家自己写答案，就把问号放在最后。
err-survey-title = 问卷第一段是标题，比如：/survey 社区需求调查 | 您家有老人吗？ 有 / 没有 | 还有什么建议？
err-survey-sent-already = 这份问卷已经处理过了（已发出或已取消）。发 /survey 看列表。
err-survey-closed-worker = #{ $id } 已经结束了。发 /survey { $id } 看结果。
survey-preview = 📋 问卷预览：「{ $title }」，将发到：{ $communities }
    我是这样理解每道题的（→ 后面是选项；“写字回答”是让大家自己写）：
survey-preview-words = 写字回答
button-survey-publish = 📤 发到群里
button-survey-discard = 🗑 不发了
survey-discarded = 好的，这份问卷没有发出。
survey-answered-before = 这道题已经答过了。
poll-private = 📊 社工 { $worker } 想问大家：{ $question }
    请回复数字选一个（见下面的按钮）。
poll-thanks = 谢谢！你的选择已经记下，只有社工能看到统计。
survey-form-closed = 📋 问卷「{ $title }」已结束，谢谢大家参与！
survey-cancelled = 好的，先停在这里，已经答的都记下了。想接着填，发“问卷”。
survey-timeout = 问卷先停在这里，已经答的都记下了。想接着填，发“问卷”。
audit-survey = 发起问卷或投票
audit-survey_close = 结束问卷或投票
poll-preview = 📊 投票预览，将发到：{ $communities }
    问题：{ $question }
    选项：{ $options }
    注意：投票不是匿名的，群成员在 Telegram 里能看到谁投了什么。敏感的问题请用 /survey 问卷。
flow-paused = （你刚才在做的事先停一下，发“菜单”重新开始；填到一半的问卷会记着，发“问卷”接着填。）

## The parser's unsure outcome
unsure-hint = 👀 你刚才在「{ $group }」的消息，我拿不准是不是要送出、出借或求助，所以没有发卡片。
    如果是，请在群里回复你自己的那条消息：/offer（送出、出借）或 /want（求、借、找人帮忙），也可以只回复一个字“出”或“求”。
