package io.quarkiverse.sync.it;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;

/**
 * Many concurrent HTTP requests from one non-blocking client, one connection each (live requests hold theirs): what
 * a crowd of long-polling browsers looks like to the server.
 */
final class LongPollClient implements AutoCloseable {

    /** What a request got: its status, the {@code electric-offset} and {@code electric-handle} headers, when. */
    record Answer(int status, String offset, String handle, long nanoTime, String body) {
    }

    private final HttpClient client;
    private final String host;
    private final int port;

    LongPollClient(Vertx vertx, URL base, int connections) {
        this(vertx, base, new HttpClientOptions().setMaxPoolSize(connections).setKeepAlive(true).setIdleTimeout(0));
    }

    /**
     * HTTP/2 without TLS (prior knowledge): {@code connections × streams} requests at once over few sockets, for more
     * live requests than a process has file descriptors for.
     */
    static LongPollClient http2(Vertx vertx, URL base, int connections, int streams) {
        return new LongPollClient(vertx, base, new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false).setHttp2MaxPoolSize(connections).setHttp2MultiplexingLimit(streams)
                .setKeepAlive(true).setIdleTimeout(0));
    }

    private LongPollClient(Vertx vertx, URL base, HttpClientOptions options) {
        this.client = vertx.createHttpClient(options);
        this.host = base.getHost();
        this.port = base.getPort();
    }

    CompletableFuture<Answer> get(String uri) {
        return client.request(HttpMethod.GET, port, host, uri)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        response.getHeader("electric-offset"), response.getHeader("electric-handle"), System.nanoTime(),
                        body.length() < 2000 ? body.toString() : "(" + body.length() + " bytes)")))
                .toCompletionStage().toCompletableFuture();
    }

    List<CompletableFuture<Answer>> get(String uri, int times) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>(times);
        for (int i = 0; i < times; i++) {
            answers.add(get(uri));
        }
        return answers;
    }

    static List<Answer> await(List<CompletableFuture<Answer>> answers, long seconds) throws Exception {
        CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).get(seconds, TimeUnit.SECONDS);
        List<Answer> done = new ArrayList<>(answers.size());
        for (CompletableFuture<Answer> answer : answers) {
            done.add(answer.join());
        }
        return done;
    }

    /** Closes every connection: pending requests fail here, and the server sees its clients go away. */
    @Override
    public void close() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
