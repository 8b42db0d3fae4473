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
