package org.testbench.lab.mdms;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testbench.lab.events.BrokerEndpoint;
import org.testbench.lab.keys.EventSigningKey;
import org.testbench.lab.mdms.api.MdmsApi;
import org.testbench.lab.mdms.auth.AccessTokens;
import org.testbench.lab.mdms.dialect.MdmsServices;
import org.testbench.lab.mdms.dialect.gridflow.GridflowApi;
import org.testbench.lab.mdms.dialect.metercloud.MetercloudApi;
import org.testbench.lab.mdms.http.FrontEnd;
import org.testbench.lab.mdms.events.NotificationIngest;
import org.testbench.lab.mdms.events.NotificationStore;
import org.testbench.lab.mdms.headend.AmiTarget;
import org.testbench.lab.mdms.headend.HeadEnd;
import org.testbench.lab.mdms.http.MdmsHttpServer;
import org.testbench.lab.mdms.http.NamedThreads;
import org.testbench.lab.mdms.keys.KeyExporter;
import org.testbench.lab.mdms.service.CommandService;
import org.testbench.lab.mdms.service.NetworkDelay;
import org.testbench.lab.mdms.service.ReadingService;
import org.testbench.lab.mdms.store.CommandStore;
import org.testbench.lab.mdms.store.EventStore;
import org.testbench.lab.mdms.store.LoadSwitchRecords;
import org.testbench.lab.mdms.store.MeterRegistry;
import org.testbench.lab.mdms.store.RegisterCache;
import org.testbench.lab.mdms.tls.MdmsClientAuth;
import org.testbench.lab.mdms.tls.MdmsTls;
import org.testbench.lab.mdms.tls.MdmsTlsProfile;
import org.testbench.lab.mdms.tls.TlsFront;

/**
 * A simulated MDMS with its head-end: an HTTP server on 127.0.0.1 implementing one API dialect
 * ({@code samples/openapi/mdms-v1.yaml} by default, see {@link MdmsDialect}) for a set of meters, which it
 * reaches over their AMI ports with its own DLMS client. Commands really switch the meters; fault and latency profiles make it
 * misbehave the way real MDMS do.
 *
 * <pre>{@code
 * try (VirtualMdms mdms = VirtualMdms.start(settings, meters)) {
 *     HttpRequest.newBuilder(URI.create(mdms.url() + "/meters/26000001"))
 *             .header("Authorization", "Bearer " + token) ...
 * }
 * }</pre>
 */
public final class VirtualMdms implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualMdms.class);
    /** A meter that does not complete the TCP handshake in this time is unreachable. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longest wait for any single answer of a meter. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    private static final int COMMAND_WORKERS = 2;
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final MdmsSettings settings;
    private final MdmsHttpServer server;
    private final ScheduledThreadPoolExecutor scheduler;
    private final MdmsTls tls;
    private final TlsFront front;
    private final NotificationStore notifications;
    private final AccessTokens accessTokens;
    private NotificationIngest ingest;
    private boolean closed;

    private VirtualMdms(MdmsSettings settings, MdmsHttpServer server, ScheduledThreadPoolExecutor scheduler,
            MdmsTls tls, TlsFront front, NotificationStore notifications, AccessTokens accessTokens) {
        this.settings = settings;
        this.server = server;
        this.scheduler = scheduler;
        this.tls = tls;
        this.front = front;
        this.notifications = notifications;
        this.accessTokens = accessTokens;
    }

    /** Starts the MDMS for these meters on an ephemeral loopback port, plain HTTP, without event notifications. */
    public static VirtualMdms start(MdmsSettings settings, List<MdmsMeter> meters) throws IOException {
        return start(settings, meters, Optional.empty());
    }

    /** As {@link #start(MdmsSettings, List)}, over HTTPS with this profile when {@code tls} is given. */
    public static VirtualMdms start(MdmsSettings settings, List<MdmsMeter> meters, Optional<MdmsTls> tls)
            throws IOException {
        return start(settings, meters, tls, Optional.empty(), Map.of());
    }

    /**
     * Starts the MDMS for these meters. With {@code tls}, clients reach it only over HTTPS with that profile (the
     * plain HTTP server behind it listens on loopback for the TLS front alone). With a broker, it subscribes to the
     * meters' event notifications and verifies them with their event-signing keys.
     */
    public static VirtualMdms start(MdmsSettings settings, List<MdmsMeter> meters, Optional<MdmsTls> tls,
            Optional<BrokerEndpoint> broker, Map<String, EventSigningKey> eventKeys) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tls, "tls");
        Clock clock = Clock.systemUTC();
        MeterRegistry registry = new MeterRegistry(meters);
        Map<String, AmiTarget> targets = new LinkedHashMap<>();
        for (MdmsMeter meter : meters) {
            targets.put(meter.serial(), new AmiTarget(meter.serial(), meter.amiHost(), meter.amiPort(), meter.keys(),
                    meter.publicReads(), meter.serverAddress(), meter.managementClient()));
        }
        HeadEnd headEnd = new HeadEnd(targets, registry, CONNECT_TIMEOUT, REPLY_TIMEOUT, clock);
        NetworkDelay delay = new NetworkDelay(settings.latency(), settings.timeScale(), new SplittableRandom());
        LoadSwitchRecords relays = new LoadSwitchRecords();

        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(COMMAND_WORKERS,
                new NamedThreads("mdms-command"));
        // On close, commands still waiting for their delay are dropped, not run.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setRemoveOnCancelPolicy(true);
        NotificationStore notifications = new NotificationStore();
        MdmsHttpServer server = null;
        TlsFront front = null;
        try {
            ReadingService readings = new ReadingService(registry, headEnd, delay, relays, new EventStore(),
                    new RegisterCache(), settings, clock);
            CommandService commands = new CommandService(registry, new CommandStore(clock), headEnd, relays, delay,
                    scheduler, settings);
            MdmsServices services = new MdmsServices(registry, readings, commands, new KeyExporter(clock), settings,
                    clock, notifications);
            AccessTokens accessTokens = new AccessTokens(settings.accessTokenLifetime(), clock);
            server = MdmsHttpServer.start(frontEnd(services, accessTokens), settings);
            front = tls.isPresent()
                    ? TlsFront.start(tls.get().profile(), tls.get().credentials(), tls.get().clientTrust(),
                            server.address()) : null;
            VirtualMdms mdms = new VirtualMdms(settings, server, scheduler, tls.orElse(null), front, notifications,
                    accessTokens);
            if (broker.isPresent()) {
                mdms.ingest = NotificationIngest.start(broker.get(), eventKeys, settings, notifications, clock);
            }
            LOG.info("MDMS started at {} for {} meter(s): dialect {}, latency {} x{}, faults: {}", mdms.url(),
                    meters.size(), settings.dialect(), settings.latency(), settings.timeScale(),
                    MdmsFault.describe(settings.faults()));
            return mdms;
        } catch (IOException | RuntimeException e) {
            if (front != null) {
                front.close();
            }
            if (server != null) {
                server.close();
            }
            scheduler.shutdownNow();
            throw e;
        }
    }

    private static FrontEnd frontEnd(MdmsServices services, AccessTokens accessTokens) {
        MdmsSettings settings = services.settings();
        return switch (settings.dialect()) {
            case REFERENCE -> new FrontEnd(MdmsApi.routes(services.meters(), services.readings(), services.commands(),
                    services.keys(), settings, services.clock(), services.notifications()),
                    new org.testbench.lab.mdms.http.BearerToken(settings.token()),
                    org.testbench.lab.mdms.http.ErrorFormat.REFERENCE);
            case GRIDFLOW -> GridflowApi.frontEnd(services, accessTokens);
            case METERCLOUD -> MetercloudApi.frontEnd(services);
        };
    }

    /**
     * Base URL of the API, {@code http://127.0.0.1:PORT} or, with TLS, {@code https://127.0.0.1:PORT}, followed by
     * the dialect's base path ({@code /api/v2} for gridflow); the spec's paths go right after it.
     */
    public String url() {
        return rootUrl() + settings.dialect().basePath();
    }

    /** The server's root, {@code http://127.0.0.1:PORT}: where a dialect's token endpoint is. */
    public String rootUrl() {
        return front != null ? front.url() : server.url();
    }

    /** The API dialect this MDMS speaks. */
    public MdmsDialect dialect() {
        return settings.dialect();
    }

    /**
     * Revokes every access token the OAuth2 token endpoint issued (gridflow), as a restart of a real MDMS does:
     * the next call with an old token is answered 401.
     */
    public void revokeAccessTokens() {
        accessTokens.revokeAll();
    }

    /** The HTTPS profile, empty for plain HTTP. */
    public Optional<MdmsTlsProfile> tlsProfile() {
        return Optional.ofNullable(tls).map(MdmsTls::profile);
    }

    /** The PEM file of the CA a client should trust, empty for plain HTTP. */
    public Optional<Path> caFile() {
        return Optional.ofNullable(tls).map(MdmsTls::caFile);
    }

    /** Whether the MDMS asks clients for a certificate (mutual TLS); NONE for plain HTTP. */
    public MdmsClientAuth clientAuth() {
        return tls == null ? MdmsClientAuth.NONE : tls.clientTrust().mode();
    }

    /** The PEM file of the CAs whose client certificates the MDMS accepts, when it asks for one. */
    public Optional<Path> clientCaFile() {
        return Optional.ofNullable(tls).flatMap(MdmsTls::clientCaFile);
    }

    /** The bench identity (PKCS#12) the lab issued from its own client CA, when the MDMS trusts that CA. */
    public Optional<Path> benchIdentity() {
        return Optional.ofNullable(tls).flatMap(MdmsTls::benchIdentity);
    }

    /** The event notifications the MDMS stored and the messages it refused. */
    public NotificationStore notifications() {
        return notifications;
    }

    /** The fault profile; empty means correct behaviour. */
    public Set<MdmsFault> faults() {
        return settings.faults();
    }

    public MdmsLatency latency() {
        return settings.latency();
    }

    /** Factor applied to every delay of the latency profile. */
    public double timeScale() {
        return settings.timeScale();
    }

    /**
     * Stops the HTTP server and the command workers and waits for their threads to end. Commands
     * still waiting for their delay stay PENDING forever. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (ingest != null) {
            ingest.close();
        }
        if (front != null) {
            front.close();
        }
        server.close();
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("MDMS command workers still busy {} s after stop", STOP_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("MDMS stopped");
    }

    @Override
    public String toString() {
        return "VirtualMdms[" + url() + ", " + settings + "]";
    }
}
