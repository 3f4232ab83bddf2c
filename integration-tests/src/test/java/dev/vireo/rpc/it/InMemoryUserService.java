package dev.vireo.rpc.it;

import dev.vireo.rpc.it.services.Page;
import dev.vireo.rpc.it.services.User;
import dev.vireo.rpc.it.services.UserNotFoundException;
import dev.vireo.rpc.it.services.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The server side of the behaviour tests: answers from memory and records what it was asked. */
class InMemoryUserService implements UserService {
  final BlockingQueue<String> audits = new LinkedBlockingQueue<>();
  final AtomicInteger sleeps = new AtomicInteger();
  final Semaphore sleeping = new Semaphore(0);
  final CountDownLatch wakeUp = new CountDownLatch(1);
  final BlockingQueue<CompletableFuture<User>> pendingFinds = new LinkedBlockingQueue<>();
  private volatile CountDownLatch auditGate = new CountDownLatch(0);
  /** The names of the threads {@link #getUser} ran on. */
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final String prefix;

  InMemoryUserService() {
    this("user-");
  }

  InMemoryUserService(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public User get(Long key) {
    return getUser(key);
  }

  @Override
  public String describe() {
    return "in-memory users";
  }

  @Override
  public boolean existUser(String email) {
    return email != null && email.endsWith("@vireo.dev");
  }

  @Override
  public User createUser(User user) {
    return new User(user.id() + 1000, user.name(), user.sex(), user.birthday(), user.address(),
        user.permissions(), user.createTime());
  }

  @Override
  public User getUser(long id) {
    threads.add(Thread.currentThread().getName());
    User sample = User.sample(id);
    return new User(id, prefix + id, sample.sex(), sample.birthday(), sample.address(),
        sample.permissions(), sample.createTime());
  }

  @Override
  public Page<User> listUser(int pageNo) {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      users.add(getUser(pageNo * 15L + i));
    }
    return new Page<>(pageNo, 1000, users);
  }

  @Override
  public User find(String name) {
    return name.equals("nobody") ? null : getUser(name.length());
  }

  @Override
  public User find(long id) {
    return getUser(-id);
  }

  @Override
  public List<User> findAll(List<Long> ids) {
    List<User> users = new ArrayList<>();
    ids.forEach(id -> users.add(getUser(id)));
    return users;
  }

  @Override
  public Map<String, List<User>> byCity(Set<User> users) {
    Map<String, List<User>> byCity = new TreeMap<>();
    for (User user : users) {
      byCity.computeIfAbsent(user.address().city(), c -> new ArrayList<>()).add(user);
    }
    return byCity;
  }

  @Override
  public CompletableFuture<User> findLater(String name) {
    CompletableFuture<User> later = new CompletableFuture<>();
    pendingFinds.add(later);
    return later;
  }

  @Override
  public CompletableFuture<Void> touch(long id) {
    return id < 0
        ? CompletableFuture.failedFuture(new IllegalStateException("cannot touch " + id))
        : CompletableFuture.completedFuture(null);
  }

  @Override
  public void audit(String event) {
    try {
      auditGate.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    audits.add(event);
  }

  /** Makes {@link #audit} wait, up to 5 s, until {@link #releaseAudits()}. */
  void holdAudits() {
    auditGate = new CountDownLatch(1);
  }

  void releaseAudits() {
    auditGate.countDown();
  }

  @Override
  public User load(long id) throws UserNotFoundException {
    if (id < 0) {
      throw new UserNotFoundException("no user " + id);
    }
    return getUser(id);
  }

  @Override
  public void validate(String email) {
    if (!existUser(email)) {
      throw new IllegalArgumentException("not a vireo address: " + email);
    }
  }

  @Override
  public void explode(String message) {
    throw new Kaboom(message);
  }

  @Override
  public void sleep(long millis) {
    sleeps.incrementAndGet();
    sleeping.release();
    try {
      wakeUp.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String greeting(long id) {
    return "the server's greeting must never be called";
  }

  /** An exception no client knows. */
  static final class Kaboom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Kaboom(String message) {
      super(message);
    }
  }
}
