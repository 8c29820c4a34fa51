chars=set(chr(c) for c in range(0x20,0x7f))
l1=set(); allgb=set()
for hi in range(0xA1,0xF8):
    for lo in range(0xA1,0xFF):
        try: ch=bytes([hi,lo]).decode('gb2312')
        except UnicodeDecodeError: continue
        allgb.add(ch)
        if 0xB0<=hi<=0xD7 or hi<=0xA9: l1.add(ch)
open('gb2312_l1.txt','w').write(''.join(sorted(chars|l1)))
open('gb2312_all.txt','w').write(''.join(sorted(chars|allgb)))
print(len(chars|l1), len(chars|allgb))
