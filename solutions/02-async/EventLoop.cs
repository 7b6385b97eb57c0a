namespace Katas.Async;

/// <summary>
/// Exercise 2.7, part 1: an event loop for real async methods. <see cref="Run"/> runs an async method and
/// every continuation it causes on the calling thread, one at a time, in the order they were queued, and
/// returns when all the work is done. Stephen Toub's AsyncPump; in Rust, tokio's current-thread runtime
/// (<c>block_on</c> of a <c>LocalSet</c>).
/// </summary>
/// <remarks>
/// Two doors lead into the loop's queue: a <see cref="SynchronizationContext"/> (what <c>await</c> of a task
/// captures, and what <c>async void</c> methods report to) and a <see cref="TaskScheduler"/> (what
/// <c>Task.Factory.StartNew</c> and <c>Task.Yield</c> use when there is no context to post to). The work is done
/// when the main task has finished and no <c>async void</c> operation is still running.
/// </remarks>
public static class EventLoop
{
    /// <summary>Runs <paramref name="main"/> and everything it queues on this thread until all of it is done.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    /// <remarks>An exception thrown by <paramref name="main"/> (or by an <c>async void</c> method it started) is rethrown as it was thrown.</remarks>
    public static void Run(Func<Task> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        Run<bool>(async () =>
        {
            await main().ConfigureAwait(true);
            return true;
        });
    }

    /// <summary>Runs <paramref name="main"/> and everything it queues on this thread until all of it is done.</summary>
    /// <returns>The result of <paramref name="main"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="main"/> is null.</exception>
    public static T Run<T>(Func<Task<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        SynchronizationContext? previous = SynchronizationContext.Current;
        var loop = new LoopContext();
        SynchronizationContext.SetSynchronizationContext(loop);
        try
        {
            // main itself is the loop's first task: started on the loop's scheduler, so TaskScheduler.Current
            // inside it is the loop too, and its synchronous part runs in the pump like everything else.
            Task<T> task = Task.Factory.StartNew(main, CancellationToken.None, TaskCreationOptions.None, loop.Scheduler).Unwrap();
            // The main task counts as one operation; async void methods add theirs.
            loop.OperationStarted();
            task.ContinueWith(static (_, state) => ((LoopContext)state!).OperationCompleted(), loop,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            loop.Pump();
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>The loop's queue, seen as a <see cref="SynchronizationContext"/>.</summary>
    private sealed class LoopContext : SynchronizationContext
    {
        /// <summary>Guards the queue and the count; the pump sleeps on its monitor.</summary>
        private readonly object _gate = new();
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
        private readonly int _threadId = Environment.CurrentManagedThreadId;

        /// <summary>Operations still running (the main task, async void methods). At zero the loop ends.</summary>
        private int _operations;

        public LoopContext() => Scheduler = new LoopScheduler(this);

        public TaskScheduler Scheduler { get; }

        public override void Post(SendOrPostCallback d, object? state)
        {
            ArgumentNullException.ThrowIfNull(d);
            lock (_gate)
            {
                _queue.Enqueue((d, state));
                Monitor.Pulse(_gate);
            }
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            ArgumentNullException.ThrowIfNull(d);
            if (Environment.CurrentManagedThreadId == _threadId)
            {
                d(state);
                return;
            }

            // Another thread wants d run on the loop and to wait for it.
            using var done = new ManualResetEventSlim();
            Exception? failure = null;
            Post(_ =>
            {
                try
                {
                    d(state);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    done.Set();
                }
            }, null);
            done.Wait();
            if (failure is not null)
            {
                throw new InvalidOperationException("The callback sent to the event loop failed.", failure);
            }
        }

        /// <summary>Continuations that capture this context post back to this same loop.</summary>
        public override SynchronizationContext CreateCopy() => this;

        public override void OperationStarted() => Interlocked.Increment(ref _operations);

        public override void OperationCompleted()
        {
            if (Interlocked.Decrement(ref _operations) == 0)
            {
                // Pulse so a pump asleep on an empty queue looks at the count again.
                lock (_gate)
                {
                    Monitor.Pulse(_gate);
                }
            }
        }

        /// <summary>Runs queued callbacks one at a time, oldest first, until the queue is empty and no operation is left.</summary>
        public void Pump()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_gate)
                {
                    while (_queue.Count == 0)
                    {
                        if (Volatile.Read(ref _operations) == 0)
                        {
                            return;
                        }

                        Monitor.Wait(_gate);
                    }

                    item = _queue.Dequeue();
                }

                // Outside the lock: a callback may post more work. An exception (an async void method's) ends the loop.
                item.Callback(item.State);
            }
        }
    }

    /// <summary>The loop's queue, seen as a <see cref="TaskScheduler"/>: tasks are posted like any callback.</summary>
    private sealed class LoopScheduler(LoopContext loop) : TaskScheduler
    {
        public override int MaximumConcurrencyLevel => 1;

        protected override void QueueTask(Task task) =>
            loop.Post(static state => ((LoopScheduler)((object[])state!)[0]).TryExecuteTask((Task)((object[])state!)[1]), new object[] { this, task });

        // Run inline only on the loop's own thread (where the work would run anyway), never on another.
        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            SynchronizationContext.Current == loop && !taskWasPreviouslyQueued && TryExecuteTask(task);

        protected override IEnumerable<Task>? GetScheduledTasks() => null;
    }
}
