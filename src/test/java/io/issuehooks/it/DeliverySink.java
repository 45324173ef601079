package io.issuehooks.it;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A webhook endpoint inside the test deployment that takes every delivery (204), for tests that read the queues. */
@WebServlet("/it-sink")
public class DeliverySink extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(204);
    }
}
