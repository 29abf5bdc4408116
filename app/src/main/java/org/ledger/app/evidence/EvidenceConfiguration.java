package org.ledger.app.evidence;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The evidence store and the upload limits, from {@code ledger.evidence.dir} and {@code ledger.evidence.max-size}.
 *
 * <p>The servlet container's multipart limits follow {@code ledger.evidence.max-size}: a file part may be that
 * large, a whole request that plus 1MB for the other fields and part headers. A larger upload is then refused by
 * the container's parser already (MaxUploadSizeExceededException, answered as 413 by ProblemDetailsAdvice) before
 * it is buffered; the upload endpoint checks the same limit again while storing. Other
 * {@code spring.servlet.multipart.*} settings (location, file-size-threshold) still apply.
 */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

    private static final long REQUEST_OVERHEAD = DataSize.ofMegabytes(1).toBytes();

    @Bean
    FileSystemEvidenceStore evidenceStore(@Value("${ledger.evidence.dir}") Path dir) throws IOException {
        return new FileSystemEvidenceStore(dir);
    }

    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties properties,
                                                  @Value("${ledger.evidence.max-size:20MB}") DataSize maxSize) {
        properties.setMaxFileSize(maxSize);
        properties.setMaxRequestSize(DataSize.ofBytes(maxSize.toBytes() + REQUEST_OVERHEAD));
        return properties.createMultipartConfig();
    }
}
