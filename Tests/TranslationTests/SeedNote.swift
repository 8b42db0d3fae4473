/// The seed note's three snippets, as the front end hands them over after its repairs
/// (`reutrn` → `return`, `secs - […]` → `secs = […]`, `print result` → `print(result)`).
enum SeedNote {
    static let repaired = """
    import time

    start = time.perf_counter()

    def do_something():
        print('Sleeping 1 second...')
        time.sleep(1)
        print('Done Sleeping')

    do_something()
    do_something()

    finish = time.perf_counter()
    print(f'Finished in {round(finish- start, 2)} second(s)')

    # %%
    import threading

    def do_something(seconds):
        print(f'Sleeping {seconds} second(s)...')
        time.sleep(seconds)
        print('Done Sleeping')

    threads = []

    # initialize threads in a loop
    for _ in range(10):
        t = threading.Thread(target=do_something, args=[1.5])
        t.start()    # start running thread
        threads.append(t)

    for thread in threads:
        thread.join()

    # %%
    import concurrent.futures

    def do_something(seconds):
        print(f'Sleeping {seconds} second(s)...')
        time.sleep(seconds)
        return 'Done Sleeping'

    with concurrent.futures.ThreadPoolExecutor() as executor:
        secs = [5, 4, 3, 2, 1]
        results = [executor.submit(do_something, sec) for sec in secs]

        # will print in LIFO
        for f in concurrent.futures.as_completed(results):
            print(f.result())

    # =====================================

    # if you want to print in FIFO
    with concurrent.futures.ThreadPoolExecutor() as executor:
        secs = [5, 4, 3, 2, 1]
        results = executor.map(do_something, secs)

        for result in results:
            print(result)
    """
}
