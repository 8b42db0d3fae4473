x = y = w = z = 1
f'plain'; f''; F"{x}"; f'{x!r}'; f'{x!s}'; f'{x!a}'; f'{x:>10}'; f'{x:{w}.{z}}'
f'{x=}'; f'{ x = }'; f'{x=!s}'; f'{x=:>3}'; f'a{x=}b'; f'{x!r:^{w}}'
f'{{literal}}'; f'{{{x}}}'; f'{x}{y}'; f'{x}' f''; 'a' f'b{x}c' 'd'; f'{x:}'
f'{"nested"}'; f"{'a' + 'b'}"; f'{[1, 2][0]}'; f'{ {"k": 1}["k"] }'; f'{x if x else y}'
f'{x, y}'; f'{(lambda: 1)()}'; f'{x!=y}'; f'{x<y}'; f'{x>=y}'; f'{x==y}'
f'''triple {x}
second line {y!r}'''
rf'\d{x}'; fr'{x}\n'; f'\n{x}\t'; f'\x41{x}'; f'{x:%Y-%m-%d}'
u'u' f'{x}'
f'{x:{w}}' f'{y}'
print(f'Finished in {round(x- y, 2)} second(s)')
f'{3.14:.2f}'; f'{x:,}'; f'{x:_}'; f'{x:=^10}'
f'\N{BULLET} {x}'
