"""Short posts ("出 台灯 全新", "借个梯子", "冰箱送人"), the way busy and elderly residents write,
for training the parser's learned layer: writes ../parse-corpus-short.jsonl (deterministic).
Added after a user test found such posts missed."""
import json, os, random
random.seed(20261130)
items = [("台灯","electronics"),("冰箱","appliances"),("电饭煲","appliances"),("梯子","tools"),("电钻","tools"),
 ("婴儿车","kids"),("儿童自行车","kids"),("书架","furniture"),("椅子","furniture"),("微波炉","appliances"),
 ("老花镜","other"),("轮椅","other"),("绘本","books"),("小说","books"),("羽毛球拍","sports"),("哑铃","sports"),
 ("花盆","garden"),("绿萝","garden"),("大衣","clothing"),("童装","kids"),("电风扇","appliances"),("打气筒","tools"),
 ("平板电脑","electronics"),("耳机","electronics"),("炒锅","kitchen"),("保温杯","kitchen"),("沙发","furniture"),
 ("吸尘器","appliances"),("滑板车","kids"),("雨伞","other"),("行李箱","other"),("鱼缸","other"),("瑜伽垫","sports"),
 ("茶几","furniture"),("电暖器","appliances"),("扳手","tools"),("冬被","other"),("积木","kids"),("字典","books"),("热水壶","kitchen")]
offer_pre = [("出 ","give"),("出","give"),("出个","give"),("送","give"),("送个","give"),("送 ","give"),("出售 ","give"),
 ("转让 ","give"),("闲置 ","give"),("出借 ","lend"),("可借 ","lend"),("免费送 ","give")]
req_pre = [("求 ","give"),("求","give"),("求个","give"),("收 ","give"),("收个","give"),("借","lend"),("借个","lend"),
 ("借 ","lend"),("求借 ","lend"),("想借个","lend"),("谁有","give"),("有没有","give")]
suf_offer = ["", " 全新", " 九成新", " 八成新", "，免费", " 10积分", " 有要的吗", " 自提", "，5分"]
suf_req = ["", " 周末用", " 用两天", " 急用", "，给5分", " 谁有", " 10积分"]
cond = {" 全新":"new"," 九成新":"like_new"," 八成新":"good"}
out=[]; seen=set()
for _ in range(400):
    it,cat = random.choice(items)
    if random.random()<0.6:
        pre,mode = random.choice(offer_pre); suf=random.choice(suf_offer); kind="offer"
    else:
        pre,mode = random.choice(req_pre); suf=random.choice(suf_req); kind="request"
    # also postfix style: "冰箱送人"
    if kind=="offer" and random.random()<0.12:
        text = it + random.choice(["送人","免费送","转让","谁要","不要了 谁要"]); mode="give"; suf=""
    else:
        text = pre + it + suf
    if text in seen: continue
    seen.add(text)
    e={"kind":kind,"resource":"item","mode":mode,"title_has":[it],"category":cat}
    if suf in cond: e["condition"]=cond[suf]
    if "免费" in text or "送人" in text: e["free"]=True
    out.append({"text":text,"expect":e,"shape":"short"})
    if len(out)>=150: break
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'parse-corpus-short.jsonl'), 'w') as f:
    for o in out: f.write(json.dumps(o,ensure_ascii=False)+"\n")
print(len(out))
