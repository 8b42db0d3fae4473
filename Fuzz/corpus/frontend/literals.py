# Numbers
0; 7; 1_000; 0x_ff; 0XAB; 0o777; 0b1010_1010; 00; 0_0
12345678901234567890123456789; 0xFFFFFFFFFFFFFFFFFFFF; 9223372036854775807; 9223372036854775808
1.; .5; 1.5; 1e5; 1E-5; 1_0.0_1e+1_0; 2.5e-5; 1e16; 1e15; 0.0001; 1e999; 3.14159265358979
1j; 1.5J; 0j; 1e16j; 1e999j; 2.j; .5j
# Strings
'a'; "b"; '''c'''; """d"""; 'it''s'; "it's"; 'say "hi"'; '\'"'
u'unicode'; u'a' 'b'; 'a' u'b'; r'\d+\n'; R"\x"; rb'\d'; Br'\s'; b'bytes'; b'\x00\xff\'"'
'\t\n\r\x07\x7f\\'; '\u00e9\u200b\U0001F600'; '\101\7\777'; 'caf\xe9'; 'é'; '日本語'; '\N{BULLET}'
'line\
continued'
"""multi
line ' " string"""
'unknown \d escape'
b'\n' b'x'
'' ""
'tab\there'
'\x1b[0m'
'\u2028\u00a0\u00ad'
