package org.ledger.query;

import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** A MockMvc around one controller with JSON as Spring Boot writes it (ISO dates). */
public final class TestJson {

    private TestJson() {
    }

    public static MockMvc mockMvc(Object controller) {
        MappingJackson2HttpMessageConverter json = new MappingJackson2HttpMessageConverter(
                Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .build());
        return MockMvcBuilders.standaloneSetup(controller).setMessageConverters(json).build();
    }
}
