package dev.vireo.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A second client of the raw baseline, sharing no code with {@link RawNettyWorkload}: the JDK's
 * blocking sockets, one writer thread that writes every queued frame with one gathering write,
 * one reader thread that parses replies and wakes their callers. If the Netty client were weak,
 * this one would show it.
 */
final class SocketsWorkload implements Workload {
  private final SocketChannel socket;
  private final ReplyWaiters waiting = new ReplyWaiters();
  private final AtomicLong ids = new AtomicLong();
  private final int[][] sizes = new FrameSizes().all();
  private final Queue<ByteBuffer> outgoing = new ConcurrentLinkedQueue<>();
  private final Thread writer = new Thread(this::writeLoop, "sockets-writer");
  private final Thread reader = new Thread(this::readLoop, "sockets-reader");
  private volatile boolean writerParked;
  private volatile boolean open = true;

  SocketsWorkload(int port) {
    try {
      socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.setDaemon(true);
    reader.setDaemon(true);
    writer.start();
    reader.start();
  }

  private Object call(int operation) {
    int requestSize = sizes[operation][0];
    long id = ids.incrementAndGet();
    ReplyWaiter waiter = new ReplyWaiter(id);
    waiting.add(waiter);
    ByteBuffer request = ByteBuffer.allocate(requestSize);
    request.putInt(requestSize - 4).putLong(id).putInt(sizes[operation][1]).position(requestSize)
        .flip();
    outgoing.add(request);
    if (writerParked) {
      LockSupport.unpark(writer);
    }
    waiter.await();
    return Boolean.TRUE;
  }

  private void writeLoop() {
    List<ByteBuffer> batch = new ArrayList<>();
    try {
      while (open) {
        ByteBuffer next;
        while ((next = outgoing.poll()) != null) {
          batch.add(next);
        }
        if (batch.isEmpty()) {
          writerParked = true;
          if (outgoing.isEmpty()) {
            LockSupport.park(this);
          }
          writerParked = false;
          continue;
        }
        ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
        long left = 0;
        for (ByteBuffer buffer : buffers) {
          left += buffer.remaining();
        }
        while (left > 0) {
          left -= socket.write(buffers);
        }
        batch.clear();
      }
    } catch (IOException closed) {
      open = false;
    }
  }

  private void readLoop() {
    ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
    try {
      while (open) {
        if (socket.read(in) < 0) {
          return;
        }
        in.flip();
        while (in.remaining() >= 12 && in.remaining() >= 4 + in.getInt(in.position())) {
          int length = in.getInt();
          long id = in.getLong();
          in.position(in.position() + length - 8);
          waiting.complete(id);
        }
        in.compact();
      }
    } catch (IOException closed) {
      open = false;
    }
  }

  @Override
  public Object existUser() {
    return call(0);
  }

  @Override
  public Object createUser() {
    return call(1);
  }

  @Override
  public Object getUser() {
    return call(2);
  }

  @Override
  public Object listUser() {
    return call(3);
  }

  @Override
  public void close() {
    open = false;
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LockSupport.unpark(writer);
  }
}
