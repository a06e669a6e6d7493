package io.quarkiverse.sync.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TodoCrudTest {

    @Test
    void createReadUpdateDelete() {
        int id = given().contentType(ContentType.JSON)
                .body("{\"title\":\"write tests\",\"completed\":false,\"ownerId\":\"7f8c3b9e-2c1d-4e5f-8a6b-9c0d1e2f3a4b\"}")
                .post("/todos")
                .then().statusCode(201)
                .body("title", equalTo("write tests"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        given().get("/todos/" + id).then().statusCode(200)
                .body("ownerId", equalTo("7f8c3b9e-2c1d-4e5f-8a6b-9c0d1e2f3a4b"));

        given().contentType(ContentType.JSON).body("{\"title\":\"tests written\",\"completed\":true}")
                .put("/todos/" + id)
                .then().statusCode(200).body("completed", equalTo(true)).body("title", equalTo("tests written"));

        given().delete("/todos/" + id).then().statusCode(204);
        given().get("/todos/" + id).then().statusCode(404);
        given().delete("/todos/" + id).then().statusCode(404);
    }
}
