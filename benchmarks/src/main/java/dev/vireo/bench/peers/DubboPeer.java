package dev.vireo.bench.peers;

import dev.vireo.bench.e2e.Workload;
import dev.vireo.bench.workload.Users;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.dubbo.common.utils.NetUtils;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.ReferenceConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * Apache Dubbo 3.3 on its defaults (dubbo protocol, hessian2, its thread pool), direct URL, no
 * registry, no QoS port. Dubbo takes 127.0.0.1 for "no address" and would dial the machine's
 * first other interface; both sides are pinned to loopback before Dubbo starts, and the pin is
 * checked.
 */
public final class DubboPeer {
  /**
   * Dubbo logs every step of its start and stop at INFO through java.util.logging; the benchmark
   * keeps its warnings only. Held here because java.util.logging keeps loggers weakly.
   */
  private static final Logger DUBBO_LOG = Logger.getLogger("org.apache.dubbo");

  static {
    DUBBO_LOG.setLevel(Level.WARNING);
  }

  private DubboPeer() {}

  /** Starts the server on a free port of 127.0.0.1; returns the port. */
  public static int serve() throws IOException {
    pinToLoopback();
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ProtocolConfig protocol = new ProtocolConfig("dubbo", port);
    protocol.setHost("127.0.0.1");
    ServiceConfig<DubboUserService> service = new ServiceConfig<>();
    service.setInterface(DubboUserService.class);
    service.setRef(new Implementation());
    DubboBootstrap.getInstance()
        .application(application("vireo-bench-dubbo-server"))
        .registry(new RegistryConfig(RegistryConfig.NO_AVAILABLE))
        .protocol(protocol)
        .service(service)
        .start();
    return port;
  }

  /** A client of the server on {@code port} of 127.0.0.1. */
  public static Workload connect(int port) {
    pinToLoopback();
    ReferenceConfig<DubboUserService> reference = new ReferenceConfig<>();
    reference.setInterface(DubboUserService.class);
    reference.setUrl("dubbo://127.0.0.1:" + port);
    reference.setTimeout(30_000);
    reference.setCheck(true);
    DubboBootstrap bootstrap = DubboBootstrap.getInstance()
        .application(application("vireo-bench-dubbo-client"))
        .reference(reference);
    bootstrap.start();
    DubboUserService users = reference.get();
    return new Client(users, bootstrap);
  }

  private static ApplicationConfig application(String name) {
    ApplicationConfig application = new ApplicationConfig(name);
    application.setQosEnable(false);
    return application;
  }

  /**
   * Makes Dubbo's notion of "this host" 127.0.0.1 and fails if it does not hold, so that no
   * traffic can leave the loopback interface.
   */
  private static void pinToLoopback() {
    try {
      setStatic("LOCAL_ADDRESS", InetAddress.getLoopbackAddress());
      setStatic("HOST_ADDRESS", "127.0.0.1");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not pin Dubbo to 127.0.0.1", e);
    }
    if (!"127.0.0.1".equals(NetUtils.getLocalHost())
        || !"127.0.0.1".equals(NetUtils.filterLocalHost("127.0.0.1"))) {
      throw new IllegalStateException("Dubbo would use " + NetUtils.getLocalHost()
          + " instead of 127.0.0.1; refusing to run");
    }
  }

  private static void setStatic(String name, Object value) throws ReflectiveOperationException {
    Field field = NetUtils.class.getDeclaredField(name);
    field.setAccessible(true);
    field.set(null, value);
  }

  private static final class Implementation implements DubboUserService {
    private final DubboUser user = DubboUser.of(Users.user(1));
    private final DubboPage page = page(1);

    @Override
    public boolean existUser(String email) {
      return email != null && !email.isEmpty();
    }

    @Override
    public boolean createUser(DubboUser user) {
      return user != null;
    }

    @Override
    public DubboUser getUser(long id) {
      return user;
    }

    @Override
    public DubboPage listUser(int pageNo) {
      return page;
    }
  }

  static DubboPage page(int pageNo) {
    DubboPage page = new DubboPage();
    page.pageNo = pageNo;
    page.total = 1000;
    page.result = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      page.result.add(DubboUser.of(Users.user(pageNo * 15L + i)));
    }
    return page;
  }

  private static final class Client implements Workload {
    private final DubboUserService users;
    private final DubboBootstrap bootstrap;
    private final DubboUser user = DubboUser.of(Users.user(1));

    Client(DubboUserService users, DubboBootstrap bootstrap) {
      this.users = users;
      this.bootstrap = bootstrap;
    }

    @Override
    public Object existUser() {
      return users.existUser(Users.EMAIL);
    }

    @Override
    public Object createUser() {
      return users.createUser(user);
    }

    @Override
    public Object getUser() {
      return users.getUser(1);
    }

    @Override
    public Object listUser() {
      return users.listUser(1);
    }

    @Override
    public void close() {
      bootstrap.stop();
    }
  }
}
