package org.nrmplatform.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Requests Reactor Netty or Spring refuse before any filter runs (a request line or header that does not
 * parse, a URL over the length limit, headers over the size limit) are answered with an empty body; this gives
 * those answers a problem body, so that every refusal the gateway makes reads the same way.
 */
@Component
class CodecRefusals implements NettyServerCustomizer {

    private final ProblemWriter problems;

    CodecRefusals(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, "nrm.problemBodies", new ProblemBodies(problems));
            }
        });
    }

    /** Fills the empty body of an error answer; never for HEAD, whose answers have no body. */
    static final class ProblemBodies extends ChannelDuplexHandler {

        private final ProblemWriter problems;
        private boolean head;

        ProblemBodies(ProblemWriter problems) {
            this.problems = problems;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                head = HttpMethod.HEAD.equals(request.method());
            }
            context.fireChannelRead(message);
        }

        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
            if (message instanceof FullHttpResponse response && response.status().code() >= 400 && !head
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
                byte[] body = problem(response.status().code());
                FullHttpResponse filled = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
                        Unpooled.wrappedBuffer(body), response.headers().copy(), response.trailingHeaders().copy());
                filled.headers().remove(HttpHeaderNames.TRANSFER_ENCODING)
                        .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                        .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                context.write(filled, promise);
                return;
            }
            context.write(message, promise);
        }

        private byte[] problem(int status) {
            return problems.body(HttpStatusCode.valueOf(status), switch (status) {
                case 414 -> "The URL is longer than the gateway accepts";
                case 431 -> "The request headers are larger than the gateway accepts";
                case 400 -> "The request could not be read: its request line, URL or headers are malformed (for "
                        + "example a character not allowed in a URL or a control character in a header)";
                default -> "The gateway refused the request before it could be handled";
            }, null, null);
        }
    }
}
