import concurrent.futures

def do_something(seconds):
    print(f'Sleeping {seconds} second(s)...')
    time.sleep(seconds)
    reutrn 'Done Sleeping'

with concurrent.futures.ThreadPoolExecutor() as executor:
    secs - [5, 4, 3, 2, 1]
    results = [executor.submit(do_something, sec) for sec in secs]

    # will print in LIFO
    for f in concurrent.futures.as_completed(results):
        print(f.result())

# =====================================

# if you want to print in FIFO
with concurrent.futures.ThreadPoolExecutor() as executor:
    secs - [5, 4, 3, 2, 1]
    results = executor.map(do_something, secs)

    for result in results:
        print result
