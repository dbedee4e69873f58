package io.captchafeedback.report;

import io.captchafeedback.spi.Listeners;
import io.captchafeedback.task.CaptchaType;
import io.captchafeedback.task.Feedback;
import io.captchafeedback.task.SolvedTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox: an append-only log {@code outbox.log} in its directory, held exclusively through
 * a {@link FileChannel#tryLock() lock} on {@code outbox.lock}.
 *
 * <p>Each record is {@code magic(4) length(4) crc32c(4) payload}; the payload is either an
 * <em>enqueue</em> (the feedback: provider id, task id, type, token, solve time, page URL, site key,
 * polarity, code, message, its deadline; never an API key), an <em>attempt</em> (the key's hash: a
 * request is about to go out, written and forced before it does), a <em>hold</em> (the key's hash: an
 * open breaker holds it, so that the next start holds it again) or a <em>done</em> (the key's hash and
 * how long it must be remembered, forced before the delivery counts as decided). On open the log is
 * replayed: a torn tail (an incomplete last record, a crash in mid-write) is cut with a warning; a
 * complete record whose checksum fails, the last one included, is corruption: reported to the
 * listener, the file kept aside as {@code outbox.log.corrupt-<millis>}, every readable record before
 * and after it kept. The log is then rewritten with the live state only (compaction), as it is again
 * whenever it has doubled.
 *
 * <p>One writer thread appends records and forces them in groups: each force covers everything queued
 * until then, and a record waits at most the {@link FeedbackReporter.Builder#groupCommit group-commit
 * interval} (counted from its {@code report()} call) plus one force. Attempt and done records, which a
 * request or a decision waits for, are forced without waiting out the interval. At most {@value #MAX_QUEUED}
 * feedback records wait for the writer; {@link #append} blocks while that many do (backpressure).
 * Thread-safe.
 */
final class Outbox implements OutboxLog {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    static final String LOG_FILE = "outbox.log";
    static final String LOCK_FILE = "outbox.lock";
    private static final int MAGIC = 0x43464f31; // "CFO1"
    private static final int HEADER = 12;
    private static final int MAX_RECORD = 1 << 20;
    private static final byte ENQUEUE = 1;
    private static final byte DONE = 2;
    private static final byte ATTEMPT = 3;
    private static final byte HOLD = 4;
    /** The most feedback records that may wait for the writer before {@link #append} blocks. */
    static final int MAX_QUEUED = 16_384;
    /** How long {@link #append} blocks at most for room in the queue before it queues anyway (and warns). */
    private static final long MAX_BACKPRESSURE_MILLIS = 30_000;
    private static final Object STOP = new Object();

    /** The live state, taken by the reporter under its lock for a compaction. */
    record State(List<Entry> pending, long[] doneKeys, long[] doneUntil) {
    }

    /** What the replay found. */
    record Replay(List<Entry> pending, KeyIndex completed) {
    }

    /** A done or attempt record; {@code written} completes once it is forced to disk. */
    private record Mark(byte type, long hash, long retainUntil, CompletableFuture<Void> written, long queuedNanos) {
    }

    private final Path dir;
    private final Path logFile;
    private final long groupCommitNanos;
    private final long minCompactBytes;
    private final Listeners<ReportListener> listener;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_QUEUED);
    private final Thread writer;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
    private FileChannel channel;
    private long compactAt;
    private Supplier<State> stateSupplier;
    private volatile boolean failed;
    /** When the oldest record of the group being written was queued, or {@code Long.MAX_VALUE}. */
    private volatile long writingSince = Long.MAX_VALUE;
    /** The longest disk sync so far (written by the writer thread only). */
    private volatile long longestForceNanos;
    /** Set when an attempt or done record is queued: a request or a decision waits for it. */
    private volatile boolean urgent;

    private Outbox(Path dir, Duration groupCommit, long minCompactBytes, Listeners<ReportListener> listener, FileChannel lockChannel,
            FileLock lock) {
        this.minCompactBytes = minCompactBytes;
        this.dir = dir;
        this.logFile = dir.resolve(LOG_FILE);
        this.groupCommitNanos = groupCommit.toNanos();
        this.listener = listener;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = new Thread(this::writeLoop, "captcha-feedback-outbox-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Locks the directory and replays its log.
     *
     * @throws OutboxLockedException when another reporter holds it
     */
    static Outbox open(Path dir, Duration groupCommit, long minCompactBytes, Listeners<ReportListener> listener) {
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new OutboxLockedException(lockFile.toAbsolutePath());
            }
            return new Outbox(dir, groupCommit, minCompactBytes, listener, lockChannel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outbox " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return logFile;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public String location() {
        return dir.toAbsolutePath().toString();
    }

    /** The longest disk sync so far, in nanoseconds (tests and benchmarks). */
    @Override
    public long longestForceNanos() {
        return longestForceNanos;
    }

    /** Reads the log; the caller then {@link #start starts} the writer. */
    Replay replay(long now) {
        Map<Long, Entry> pending = new LinkedHashMap<>();
        KeyIndex completed = new KeyIndex();
        if (!Files.exists(logFile)) {
            return new Replay(new ArrayList<>(), completed);
        }
        byte[] data;
        try {
            data = Files.readAllBytes(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the outbox " + logFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        int pos = 0;
        boolean corrupted = false;
        while (pos < data.length) {
            Object record = read(data, pos);
            if (record != null) {
                apply(record, pending, completed, now);
                pos += HEADER + ByteBuffer.wrap(data, pos + 4, 4).getInt();
                continue;
            }
            int next = nextReadable(data, pos + 1);
            if (next < 0 && !complete(data, pos)) {
                LOG.warn("outbox {}: cut a torn tail of {} bytes at offset {} (an interrupted write)",
                        logFile.toAbsolutePath(), data.length - pos, pos);
                break;
            }
            if (!corrupted) {
                corrupted = true;
                keepCorruptedCopy(data);
            }
            int end = next < 0 ? data.length : next;
            String reason = (complete(data, pos) ? "a complete record whose checksum fails: " : "unreadable record: ")
                    + (end - pos) + " bytes skipped, the records " + (next < 0 ? "before" : "around") + " them were kept";
            LOG.error("outbox {}: corrupted at offset {}: {}", logFile.toAbsolutePath(), pos, reason);
            final int offset = pos;
            listener.fire("onOutboxCorrupted", l -> l.onOutboxCorrupted(logFile, offset, reason));
            if (next < 0) {
                break;
            }
            pos = next;
        }
        return new Replay(new ArrayList<>(pending.values()), completed);
    }

    private void keepCorruptedCopy(byte[] data) {
        Path copy = dir.resolve(LOG_FILE + ".corrupt-" + System.currentTimeMillis());
        try {
            Files.write(copy, data);
            LOG.error("outbox {} is corrupted; an untouched copy was kept as {}", logFile.toAbsolutePath(), copy);
        } catch (IOException e) {
            LOG.error("outbox {} is corrupted and no copy could be kept: {}", logFile.toAbsolutePath(), e.toString());
        }
    }

    private static void apply(Object record, Map<Long, Entry> pending, KeyIndex completed, long now) {
        if (record instanceof Entry e) {
            if (!completed.contains(e.hash, now)) {
                Entry earlier = pending.put(e.hash, e);
                e.attempted |= earlier != null && earlier.attempted; // a compaction rewrote it
                e.loggedAttempts += earlier == null ? 0 : earlier.loggedAttempts;
            }
        } else if (record instanceof Mark m && (m.type == ATTEMPT || m.type == HOLD)) {
            Entry e = pending.get(m.hash);
            if (e != null && m.type == ATTEMPT) {
                e.attempted = true;
                e.loggedAttempts++;
            } else if (e != null) {
                e.held = true; // held by an open breaker when it was written: held again at the next start
            }
        } else if (record instanceof Mark d) {
            pending.remove(d.hash);
            if (d.retainUntil >= now) {
                completed.put(d.hash, d.retainUntil, now);
            }
        }
    }

    /** Whether a whole record (magic, a sane length, all its bytes) starts at {@code pos}, whatever its checksum. */
    private static boolean complete(byte[] data, int pos) {
        if (pos + HEADER > data.length) {
            return false;
        }
        ByteBuffer header = ByteBuffer.wrap(data, pos, HEADER);
        int length = header.getInt(pos + 4);
        return header.getInt(pos) == MAGIC && length >= 1 && length <= MAX_RECORD && pos + HEADER + length <= data.length;
    }

    private int nextReadable(byte[] data, int from) {
        for (int p = from; p + HEADER <= data.length; p++) {
            if (data[p] == (byte) (MAGIC >>> 24) && read(data, p) != null) {
                return p;
            }
        }
        return -1;
    }

    /** The record at {@code pos}, or {@code null} when there is no whole, valid record there. */
    private Object read(byte[] data, int pos) {
        if (pos + HEADER > data.length) {
            return null;
        }
        ByteBuffer header = ByteBuffer.wrap(data, pos, HEADER);
        if (header.getInt() != MAGIC) {
            return null;
        }
        int length = header.getInt();
        int checksum = header.getInt();
        if (length < 1 || length > MAX_RECORD || pos + HEADER + length > data.length) {
            return null;
        }
        crc.reset();
        crc.update(data, pos + HEADER, length);
        if ((int) crc.getValue() != checksum) {
            return null;
        }
        try {
            return decode(ByteBuffer.wrap(data, pos + HEADER, length));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Object decode(ByteBuffer b) {
        byte type = b.get();
        if (type == DONE) {
            return new Mark(DONE, b.getLong(), b.getLong(), null, 0);
        }
        if (type == ATTEMPT || type == HOLD) {
            return new Mark(type, b.getLong(), 0, null, 0);
        }
        if (type != ENQUEUE) {
            throw new IllegalArgumentException("unknown record type " + type);
        }
        long hash = b.getLong();
        long enqueuedAt = b.getLong();
        long deadline = b.getLong();
        String providerId = string(b);
        String taskId = string(b);
        CaptchaType captchaType = CaptchaType.valueOf(string(b));
        String token = string(b);
        Instant solvedAt = Instant.ofEpochSecond(b.getLong(), b.getInt());
        String pageUrl = string(b);
        String siteKey = string(b);
        boolean accepted = b.get() != 0;
        String code = string(b);
        String message = string(b);
        SolvedTask task = new SolvedTask(providerId, taskId, captchaType, token, solvedAt, pageUrl, siteKey);
        Feedback feedback = new Feedback(task, accepted, code, message);
        Entry e = new Entry(hash, feedback, FeedbackReporter.siteOf(task), enqueuedAt, deadline, System.nanoTime());
        e.durable.complete(null);
        return e;
    }

    private static String string(ByteBuffer b) {
        int n = b.getInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad string length " + n);
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    /** Rewrites the log with the replayed state and starts the writer. */
    void start(Replay replay, long now, Supplier<State> stateSupplier) {
        this.stateSupplier = stateSupplier;
        long[][] done = replay.completed().snapshot(now);
        try {
            rewrite(new State(replay.pending(), done[0], done[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the outbox " + logFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        writer.start();
    }

    /**
     * Queues an enqueue record; {@code entry.durable} completes once it is forced to disk. Blocks while
     * {@value #MAX_QUEUED} feedback records wait for the writer (at most 30 s, then queues anyway).
     */
    @Override
    public void append(Entry entry) {
        if (failed) {
            entry.durable.completeExceptionally(failure());
            return;
        }
        boolean got;
        try {
            got = room.tryAcquire(MAX_BACKPRESSURE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = false;
        }
        if (!got) {
            LOG.warn("the outbox writer of {} is stalled: {} feedback records wait", logFile.toAbsolutePath(), MAX_QUEUED);
        }
        entry.holdsRoom = got;
        queue.add(entry);
    }

    /**
     * Whether the writer is behind: the oldest record not yet on disk has waited longer than the
     * group-commit interval plus {@code slackNanos}. Then a caller waits for its own record.
     */
    @Override
    public boolean behind(long slackNanos) {
        long oldest = writingSince;
        Object head = queue.peek();
        if (head != null) {
            oldest = Math.min(oldest, queuedAt(head));
        }
        return oldest != Long.MAX_VALUE && System.nanoTime() - oldest > groupCommitNanos + slackNanos;
    }

    private static long queuedAt(Object item) {
        return item instanceof Entry e ? e.startNanos : item instanceof Mark m ? m.queuedNanos : Long.MAX_VALUE;
    }

    /** Queues an attempt record: a request for this entry is about to go out. Completes once it is on disk. */
    @Override
    public CompletableFuture<Void> attempt(Entry entry) {
        entry.attempted = true;
        return mark(new Mark(ATTEMPT, entry.hash, 0, new CompletableFuture<>(), System.nanoTime()));
    }

    /** Queues a hold record (the entry waits for its breaker); nobody waits for it to reach the disk. */
    @Override
    public void hold(Entry entry) {
        if (!failed) {
            queue.add(new Mark(HOLD, entry.hash, 0, new CompletableFuture<>(), System.nanoTime()));
        }
    }

    @Override
    public CompletableFuture<Void> done(Entry entry, DeliveryStatus status, long retainUntil) {
        return done(entry.hash, retainUntil);
    }

    /** Queues a done record. Completes once it is on disk. */
    CompletableFuture<Void> done(long hash, long retainUntil) {
        return mark(new Mark(DONE, hash, retainUntil, new CompletableFuture<>(), System.nanoTime()));
    }

    /** Queues a mark somebody waits for: the writer forces without waiting out the group-commit interval. */
    private CompletableFuture<Void> mark(Mark mark) {
        if (failed) {
            mark.written.completeExceptionally(failure());
        } else {
            queue.add(mark);
            urgent = true;
            LockSupport.unpark(writer);
        }
        return mark.written;
    }

    private IOException failure() {
        return new IOException("the outbox " + logFile.toAbsolutePath() + " failed");
    }

    /** Writes and forces everything queued before this call, then stops the writer and releases the lock. */
    @Override
    public void close() {
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("closing the outbox {}: {}", logFile.toAbsolutePath(), e.toString());
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("releasing the outbox lock in {}: {}", dir.toAbsolutePath(), e.toString());
        }
    }

    private void writeLoop() {
        List<Object> group = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Object first = queue.take();
                group.add(first);
                long since = queuedAt(first);
                writingSince = since;
                if (groupCommitNanos > 0) {
                    // the oldest record waits at most the interval from its report() call
                    long left;
                    while (first != STOP && !urgent && (left = since + groupCommitNanos - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(left);
                    }
                }
                urgent = false;
                queue.drainTo(group);
                for (Object item : group) {
                    stop |= encode(item);
                }
                flush();
                long forceStart = System.nanoTime();
                channel.force(false);
                long forced = System.nanoTime() - forceStart;
                if (forced > longestForceNanos) {
                    longestForceNanos = forced;
                }
                complete(group, null);
                if (!stop && channel.size() >= compactAt) {
                    rewrite(stateSupplier.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                complete(group, e);
                return;
            } catch (IOException | RuntimeException e) {
                failed = true;
                LOG.error("cannot write the outbox {}: {}", logFile.toAbsolutePath(), e.toString(), e);
                out.clear();
                complete(group, e);
                // later records fail at once: drain what was queued meanwhile
                queue.drainTo(group);
                stop = group.contains(STOP);
                complete(group, e);
            }
        }
    }

    /** Completes (or fails) the futures of a written group, gives back its room and empties it. */
    private void complete(List<Object> group, Throwable failure) {
        int freed = 0;
        for (Object item : group) {
            CompletableFuture<Void> f = item instanceof Entry e ? e.durable : item instanceof Mark m ? m.written : null;
            if (item instanceof Entry e && e.holdsRoom) {
                e.holdsRoom = false;
                freed++;
            }
            if (f != null) {
                if (failure == null) {
                    f.complete(null);
                } else {
                    f.completeExceptionally(failure);
                }
            }
        }
        room.release(freed);
        group.clear();
        writingSince = Long.MAX_VALUE;
    }

    /** Encodes one queued item into the buffer; returns whether it was the stop signal. */
    private boolean encode(Object item) throws IOException {
        if (item == STOP) {
            return true;
        }
        if (item instanceof Entry e) {
            encode(e);
        } else {
            Mark m = (Mark) item;
            encodeMark(m.type, m.hash, m.retainUntil);
        }
        writeScratch(channel);
        return false;
    }

    private void writeScratch(FileChannel target) throws IOException {
        scratch.flip();
        if (out.remaining() < scratch.remaining()) {
            flushTo(target);
        }
        out.put(scratch);
        scratch.clear();
    }

    private void flush() throws IOException {
        flushTo(channel);
    }

    private void flushTo(FileChannel target) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            target.write(out);
        }
        out.clear();
    }

    private void encode(Entry e) {
        SolvedTask t = e.feedback.task();
        begin();
        scratch.put(ENQUEUE).putLong(e.hash).putLong(e.enqueuedAt).putLong(e.deadline);
        put(t.providerId());
        put(t.taskId());
        put(t.type().name());
        put(t.token());
        scratch.putLong(t.solvedAt().getEpochSecond()).putInt(t.solvedAt().getNano());
        put(t.pageUrl());
        put(t.siteKey());
        ensure(1);
        scratch.put((byte) (e.feedback.accepted() ? 1 : 0));
        put(e.feedback.code());
        put(e.feedback.message());
        end();
    }

    private void encodeMark(byte type, long hash, long retainUntil) {
        begin();
        scratch.put(type).putLong(hash);
        if (type == DONE) {
            scratch.putLong(retainUntil);
        }
        end();
    }

    private void begin() {
        scratch.clear();
        ensure(HEADER + 64);
        scratch.position(HEADER);
    }

    private void end() {
        int length = scratch.position() - HEADER;
        if (length > MAX_RECORD) {
            throw new IllegalArgumentException("feedback record too large: " + length + " bytes");
        }
        crc.reset();
        crc.update(scratch.array(), HEADER, length);
        scratch.putInt(0, MAGIC).putInt(4, length).putInt(8, (int) crc.getValue());
    }

    private void put(String s) {
        if (s == null) {
            ensure(4);
            scratch.putInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + bytes.length + 16);
        scratch.putInt(bytes.length).put(bytes);
    }

    private void ensure(int more) {
        if (scratch.remaining() < more + 16) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(scratch.capacity() * 2, scratch.position() + more + 64));
            scratch.flip();
            bigger.put(scratch);
            scratch = bigger;
        }
    }

    /** Writes the live state to a new file, forces it and renames it over the log. Writer thread only. */
    private void rewrite(State state) throws IOException {
        Path tmp = dir.resolve(LOG_FILE + ".compact");
        try (FileChannel target = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            restrictPermissions(tmp);
            for (int i = 0; i < state.doneKeys().length; i++) {
                encodeMark(DONE, state.doneKeys()[i], state.doneUntil()[i]);
                writeScratch(target);
            }
            for (Entry e : state.pending()) {
                encode(e);
                writeScratch(target);
                if (e.attempted) {
                    encodeMark(ATTEMPT, e.hash, 0);
                    writeScratch(target);
                }
                if (e.held) {
                    encodeMark(HOLD, e.hash, 0);
                    writeScratch(target);
                }
            }
            flushTo(target);
            target.force(true);
        }
        if (channel != null) {
            channel.close();
        }
        Files.move(tmp, logFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot force the directory {}: {}", dir, e.toString());
        }
        channel = FileChannel.open(logFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        long size = channel.size();
        compactAt = Math.max(minCompactBytes, 2 * size);
        LOG.debug("outbox {} compacted: {} pending, {} completed keys, {} bytes", logFile, state.pending().size(),
                state.doneKeys().length, size);
    }

    private static void restrictPermissions(Path file) {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | UnsupportedOperationException e) {
                LOG.debug("cannot restrict the permissions of {}: {}", file, e.toString());
            }
        }
    }

    static CompletableFuture<Void> completed() {
        return CompletableFuture.completedFuture(null);
    }
}
