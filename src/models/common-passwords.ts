// The most common leaked passwords of ten or more characters (shorter ones are refused by length
// anyway), drawn from the public top-lists (SecLists, Have I Been Pwned's most frequent). Lower case.
const COMMON_PASSWORDS = new Set(
  `
1234567890 0123456789 0987654321 9876543210 12345678910 123456789a 123456789q 1234567890q
1234567891 1234512345 1122334455 1111111111 0000000000 2222222222 5555555555 7777777777
9999999999 1212121212 1231231231 1234554321 12344321ab 123123123123 123456123456
123456654321 qwertyuiop qwertyuiop1 qwertyuiop123 1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y
1q2w3e4r5t6y7u 1qazxsw23edc qazwsxedc123 qazwsxedcrfv zaq12wsxcde3 asdfghjkl1 asdfghjkl123
zxcvbnm123 zxcvbnm1234 qwerty1234 qwerty12345 qwerty123456 qwertyqwerty q1w2e3r4t5
q1w2e3r4t5y6 a1b2c3d4e5 abcdefghij abcdefghijk abcdefg123 abcd123456 abc1234567 abc123456789
password123 password1234 password12345 password123! password1! passw0rd123 p@ssw0rd123
p@ssword123 mypassword mypassword1 mypassword123 newpassword newpassword1 thepassword
passwordpassword password01 password2020 password2021 password2022 password2023 password2024
password2025 password2026 adminadmin admin12345 administrator administrator1 admin123456
rootroot123 welcome123 welcome1234 welcometo letmein123 letmein1234 iloveyou12 iloveyou123
iloveyou1234 iloveyouforever ilovemymom ilovemyself ilovemylife princess123 sunshine123
football123 football1234 baseball123 basketball basketball1 basketball123 soccer1234
superman123 batman12345 starwars123 pokemon123 minecraft1 minecraft12 minecraft123
chocolate1 chocolate123 butterfly1 butterfly123 changeme123 trustno1234 whatever123
qwerty123qwerty 1qazzaq1 monkey12345 dragon12345 master12345 shadow12345 michael123
jennifer123 jordan2323 computer123 internet123 samsung123 iphone1234 google1234 facebook123
blink18222 liverpool1 liverpool123 arsenal123 chelsea123 barcelona1 realmadrid manchester
manchester1 juventus123 christmas1 halloween1 spongebob1 charlie123 hello12345 hello123456
helloworld helloworld1 helloworld123 secret1234 secretpassword testtest123 test123456
testing123 default123 guest12345 user123456 login12345 loveyou123 lovelove123 babygirl12
sweetheart sweetheart1 beautiful1 beautiful123 everything anything123 something1 nothing123
fuckyou123 fuckoff123 qweasdzxc123 1q2w3e4r5t6y7u8i 1q2w3e4r5t6y7u8i9o0p 7894561230
147258369a 1472583690 3692581470 0147258369 zxcvbnmasdfghjkl asdfasdfasdf qwerasdfzxcv
`
    .split(/\s+/)
    .filter(Boolean),
)

export function isCommonPassword(lowered: string): boolean {
  return COMMON_PASSWORDS.has(lowered)
}
